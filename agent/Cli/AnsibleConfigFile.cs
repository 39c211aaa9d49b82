using Provisioner.Reporting;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// Finds ansible.cfg where Ansible looks, first found wins and nothing is merged: <c>ANSIBLE_CONFIG</c>
/// (a file, or a directory holding ansible.cfg), ./ansible.cfg (passed over, with a warning, when the
/// directory is world-writable: anyone could have put it there), ~/.ansible.cfg, /etc/ansible/ansible.cfg.
/// </summary>
public static class AnsibleConfigFile
{
    public const string EnvironmentVariable = "ANSIBLE_CONFIG";
    public const string SystemFile = "/etc/ansible/ansible.cfg";

    public sealed record Found(string Path, string How);

    /// <summary>The file to read, or null; the environment comes in as parameters so tests need not touch the real one.</summary>
    public static Found? Find(string? ansibleConfig, string workingDirectory, string? home, Diagnostics d, string systemFile = SystemFile)
    {
        if (ansibleConfig is { Length: > 0 })
        {
            var path = Path.GetFullPath(Path.Combine(workingDirectory, Transport.HomePath.Expand(ansibleConfig, home)));
            if (Directory.Exists(path)) path = Path.Combine(path, "ansible.cfg");
            if (Readable(path)) return new Found(path, EnvironmentVariable);
            d.Warn(SourceSpan.CommandLine(EnvironmentVariable), $"'{ansibleConfig}' is no readable file, so it was passed over (as Ansible does)", "point ANSIBLE_CONFIG at an ansible.cfg, or unset it");
        }
        var here = Path.Combine(workingDirectory, "ansible.cfg");
        if (Readable(here))
        {
            if (!WorldWritable(workingDirectory)) return new Found(here, "./ansible.cfg");
            d.Warn(SourceSpan.CommandLine(here), "not read: the directory is world-writable, so anyone could have put it there (Ansible passes it over too)",
                "remove write access for others (chmod o-w), or name the file with ANSIBLE_CONFIG");
        }
        if (home is { Length: > 0 } && Path.Combine(home, ".ansible.cfg") is var user && Readable(user)) return new Found(user, "~/.ansible.cfg");
        return Readable(systemFile) ? new Found(systemFile, systemFile) : null;
    }

    /// <summary>
    /// The ansible.cfg of this process's environment, read: warnings told at once, the file used and
    /// its keys provision does not read told at -v, errors added to <paramref name="errors"/> (exit 4).
    /// </summary>
    // ansible.cfg is read before any secret is: there is nothing to mask yet.
    private static readonly Templating.SecretSet NoSecrets = new();

    public static AnsibleConfig Load(int verbosity, Diagnostics errors)
    {
        var d = new Diagnostics();
        var home = Environment.GetEnvironmentVariable("HOME");
        var found = Find(Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory(), home, d);
        var config = found is null ? AnsibleConfig.None : Read(found, home, d);
        ValidateCommand.PrintWarnings(d.Warnings, NoSecrets);
        if (verbosity > 0 && found is not null) Console.Error.WriteLine(Printable.Escape($"note: using ansible.cfg at {found.Path} (found as {found.How})"));
        ValidateCommand.PrintNotes(d.Notes, verbosity, NoSecrets);
        errors.AddRange(d.Items);
        return config;
    }

    public static AnsibleConfig Read(Found found, string? home, Diagnostics d) =>
        InputFile.ReadText(found.Path, d) is { } text ? AnsibleConfigParser.Parse(found.Path, text, home, d) : AnsibleConfig.None;

    /// <summary>As Ansible's os.access(R_OK): a file that is there but cannot be opened is passed over.</summary>
    private static bool Readable(string path)
    {
        if (!File.Exists(path)) return false;
        // Opening a pipe would wait for a writer; reading it then refuses it, with the reason.
        if (FileType.NotRegular(path) is not null) return true;
        try
        {
            using var _ = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool WorldWritable(string directory) =>
        (File.GetUnixFileMode(directory) & UnixFileMode.OtherWrite) != 0;
}
