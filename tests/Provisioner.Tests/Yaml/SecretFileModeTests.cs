using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>A *.secret.yml that group or others can read is loaded, with a warning that names the fix (as ssh does for keys).</summary>
public sealed class SecretFileModeTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private Diagnostics Load(string name, UnixFileMode mode)
    {
        var path = _dir.Write(name, "db_password: correct-horse\n");
        File.SetUnixFileMode(path, mode);
        var d = new Diagnostics();
        VarsFile.Load(path, d).ShouldNotBeNull();
        d.Items.ShouldBeEmpty();
        return d;
    }

    [Fact]
    public void A_secret_file_readable_by_others_is_a_warning_naming_chmod_600()
    {
        var d = Load("db.secret.yml", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var path = Path.Combine(_dir.Path, "db.secret.yml");
        d.Warnings.Select(w => w.ToString()).ShouldBe([$"{path}: secret file is readable by group or others (mode 0644) — chmod 600 {path}"]);
    }

    [Fact]
    public void A_private_secret_file_and_a_plain_vars_file_are_quiet()
    {
        Load("db.secret.yml", UnixFileMode.UserRead | UnixFileMode.UserWrite).Warnings.ShouldBeEmpty();
        Load("plain.yml", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead).Warnings.ShouldBeEmpty();
    }
}
