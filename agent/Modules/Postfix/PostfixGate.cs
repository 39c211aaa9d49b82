using Provisioner.Transport;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// The stage gate of postconf tasks (postfix-gate.sh): <c>postfix check</c> and <c>postconf -n</c>
/// once, refusing a failure or a warning that the files as the journal recorded them before the stage
/// did not draw.
/// </summary>
public sealed record PostfixGate() : StageGate("postfix check")
{
    private static readonly HostScript Script = HostScript.Load("postfix-gate.sh");

    public static readonly PostfixGate Instance = new();

    public override Command Check(string journal) => Command.Script(Script.Inline(PostconfScript.Dir, journal)) with { Timeout = TimeSpan.FromMinutes(2) };
}
