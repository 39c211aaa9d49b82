namespace Provisioner.Tests.Playbooks;

/// <summary>A scratch directory for fixture files written by a test; removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("provision-test-").FullName;

    /// <summary>Writes a file (creating folders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return full;
    }

    /// <summary>Writes a file only its owner may read (mode 0600), as a secret file should be.</summary>
    public string WriteSecret(string relative, string text)
    {
        var full = Write(relative, text);
        File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
