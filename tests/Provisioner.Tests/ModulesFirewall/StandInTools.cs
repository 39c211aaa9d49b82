namespace Provisioner.Tests.ModuleTests;

/// <summary>A temporary directory of stand-in commands (sh scripts) to put first, or alone, on PATH.</summary>
internal sealed class StandInTools : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("stand-in-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    public void Write(string name, string body)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
