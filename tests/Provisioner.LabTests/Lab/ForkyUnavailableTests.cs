namespace Provisioner.LabTests.Lab;

/// <summary>
/// A mirror that does not serve Debian testing: `lab prepare --flavor forky` says so in one line and
/// exits 75, and leaves that line where the forky tests read their skip reason. (A lab root of its
/// own: the real lab's marker and caches are not touched.)
/// </summary>
public sealed class ForkyUnavailableTests
{
    [Fact]
    public async Task Prepare_says_in_one_line_that_testing_is_not_served_and_leaves_the_reason_for_the_tests()
    {
        var root = Directory.CreateTempSubdirectory("lab-no-testing-");
        try
        {
            var env = new Dictionary<string, string>
            {
                ["PROVISIONER_LAB_ROOT"] = root.FullName,
                ["LAB_MIRROR"] = "http://127.0.0.1:9/debian", // nothing listens on loopback's discard port
            };
            // The first run also creates the lab's keys and CA (and says so); the second says one thing only.
            var first = await LabInstance.RunLabWithEnvAsync(TimeSpan.FromMinutes(3), env, "prepare", "--flavor", "forky");
            first.ExitCode.ShouldBe(75, first.ToString());
            var run = await LabInstance.RunLabWithEnvAsync(TimeSpan.FromMinutes(3), env, "prepare", "--flavor", "forky");
            run.ExitCode.ShouldBe(75, run.ToString());

            run.StdOut.ShouldBeEmpty();
            var line = run.StdErr.TrimEnd('\n');
            line.ShouldNotContain("\n");
            line.ShouldStartWith("lab: Debian testing (forky) is not served by the mirror");
            line.ShouldContain("http://127.0.0.1:9/debian/dists/forky/InRelease");
            LabFlavors.Unavailable("forky", root.FullName).ShouldBe(line["lab: ".Length..]);
            Directory.GetDirectories(Path.Combine(root.FullName, "cache")).ShouldBeEmpty("no image, not even a partial one");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
