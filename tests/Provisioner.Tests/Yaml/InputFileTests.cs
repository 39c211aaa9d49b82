using System.Text;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>Input files are read within a size limit, as strict UTF-8 text, and only when they are regular files.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<string> Load(string path)
    {
        var d = new Diagnostics();
        YamlLoader.LoadFile(path, d).ShouldBeNull();
        return d.Items.Select(i => i.ToString()).ToList();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_line_and_column_naming_the_byte()
    {
        var path = WriteBytes("v.yml", [.. "a: 1\nb: \"h"u8, 0xFF, 0xFE, .. "i\"\n"u8]);
        Load(path).ShouldBe([$"{path}:2:6: invalid UTF-8 (byte 0xFF at byte offset 10) — save the file as UTF-8"]);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var path = WriteBytes("v.yml", [0xEF, 0xBB, 0xBF, .. "a: é\n"u8]);
        var d = new Diagnostics();
        YamlLoader.LoadFile(path, d).ShouldBeOfType<MapNode>().Get("a").ShouldBeOfType<ScalarNode>().Value.ShouldBe("é");
        d.Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_where_it_crosses_the_limit()
    {
        var line = "# " + new string('x', 1021) + "\n"; // 1024 bytes
        var path = WriteBytes("big.yml", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(line, InputLimits.MaxFileBytes / 1024 + 1))));
        Load(path).ShouldBe([$"{path}:{InputLimits.MaxFileBytes / 1024 + 1}:1: larger than 4 MiB (input size limit) — check that it is the file you meant, or split it"]);
    }

    [Fact]
    public void Binary_data_is_refused()
    {
        var path = WriteBytes("bin.yml", [.. "a: 1\n"u8, 0, 1, 2]);
        Load(path).ShouldBe([$"{path}:2:1: binary data (a NUL byte at byte offset 5), not YAML text — name the YAML file you meant"]);
    }

    [Fact]
    public void A_device_is_refused_without_reading_it() =>
        Load("/dev/zero").ShouldBe(["/dev/zero: not a regular file (a character device) — name a file"]);

    [Fact]
    public void A_directory_is_refused() =>
        Load(_dir.Path).ShouldBe([$"{_dir.Path}: is a directory — name a file"]);

    [Fact]
    public void A_missing_file_is_reported_as_before() =>
        Load(Path.Combine(_dir.Path, "none.yml")).ShouldBe([$"{Path.Combine(_dir.Path, "none.yml")}: file not found — check the path (it is relative to the current directory)"]);
}
