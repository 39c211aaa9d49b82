using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>Issue 24: what a file that is read later (a key, known_hosts, an ssh configuration) is checked for before it is.</summary>
public sealed class NotReadableTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_regular_file_within_the_limit_or_a_missing_one_is_fine()
    {
        InputFile.NotReadable(_dir.Write("key", "k")).ShouldBeNull();
        InputFile.NotReadable(Path.Combine(_dir.Path, "absent")).ShouldBeNull();
    }

    [Fact]
    public void Devices_directories_and_loops_of_links_are_not_files()
    {
        InputFile.NotReadable("/dev/zero").ShouldBe("is not a regular file (a character device)");
        InputFile.NotReadable(_dir.Path).ShouldBe("is a directory");
        var (a, b) = (Path.Combine(_dir.Path, "a"), Path.Combine(_dir.Path, "b"));
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        InputFile.NotReadable(a).ShouldBe("is not a regular file (a loop of symbolic links)");
    }

    [Fact]
    public void A_file_past_the_limit_is_too_large_also_through_a_link()
    {
        var big = _dir.Write("big", new string('a', 2048));
        var link = Path.Combine(_dir.Path, "link");
        File.CreateSymbolicLink(link, big);
        InputFile.NotReadable(big, maxBytes: 1024 * 1024).ShouldBeNull();
        InputFile.NotReadable(big, maxBytes: 1024).ShouldBe("is larger than 1 KiB (input size limit)");
        InputFile.NotReadable(link, maxBytes: 1024).ShouldBe("is larger than 1 KiB (input size limit)");
    }
}
