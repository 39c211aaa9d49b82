using System.Text;

namespace Provisioner.Transport;

/// <summary>
/// A shell script shipped inside the program (an embedded <c>*.sh</c> that shellcheck reads in CI)
/// and run on the host with its inputs as positional arguments, quoted by construction.
/// </summary>
public sealed class HostScript
{
    private HostScript(string name, string body) => (Name, Body) = (name, body);

    public string Name { get; }
    public string Body { get; }
    public byte[] Bytes => Encoding.UTF8.GetBytes(Body);

    public static HostScript Load(string name)
    {
        using var stream = typeof(HostScript).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new HostScript(name, reader.ReadToEnd().Replace("\r", ""));
    }

    /// <summary>The script's text run inline, with <paramref name="args"/> as $1, $2, …</summary>
    public string Inline(params string[] args) => $"set -- {Quote(args)}\n{Body}";

    /// <summary>A line that runs an installed copy of the script at <paramref name="path"/>.</summary>
    public static string Call(string path, params string[] args) => $"sh {ShellQuote.Quote(path)} {Quote(args)}";

    private static string Quote(IEnumerable<string> args) => string.Join(' ', args.Select(ShellQuote.Quote));
}
