namespace Provisioner.Tests.ModuleTests;

/// <summary>A temporary directory of stand-in commands (sh scripts) to put first, or alone, on PATH.</summary>
internal sealed class StandInTools : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("stand-in-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>A stand-in that notes its name in <paramref name="log"/>, one line a run, and runs the system's own tool.</summary>
    public void Recording(string tool, string log) =>
        Write(tool, $"echo {tool} >> {Provisioner.Transport.ShellQuote.Quote(log)}\nexec {Provisioner.Transport.ShellQuote.Quote(SystemTool(tool))} \"$@\"\n");

    public static string SystemTool(string tool) => new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);

    public void Write(string name, string body)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
