namespace Provisioner.Transport;

/// <summary>One argv element. Secret arguments are masked when the command is displayed or logged.</summary>
public readonly record struct Arg(string Text, bool Secret = false)
{
    public static implicit operator Arg(string text) => new(text);
    public override string ToString() => Secret ? "********" : Text;
}
