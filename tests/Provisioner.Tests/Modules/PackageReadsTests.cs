using Provisioner.Modules;
using Provisioner.Modules.Packages;
using Provisioner.Tests.Transport;
using Provisioner.Transport;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// Package reads sent ahead together take their installed versions from one dpkg-query (this machine's
/// own, on its own packages) or one rpm -q (a stand-in), and answer exactly as package-read.sh does
/// alone every read that needs no candidate version; the others are left to run alone.
/// </summary>
public sealed class PackageReadsTests : IDisposable
{
    private readonly StandInTools _tools = new();
    private string Ran => Path.Combine(_tools.Dir, "ran");

    public void Dispose() => _tools.Dispose();

    private LocalShell.Result Run(Command c) => LocalShell.Run($"PATH={ShellQuote.Quote(_tools.Dir)}:$PATH\n" + c.Render());

    private static PackageArgs Args(string manager, string state, params string[] names) => new(names, state, manager);

    private IReadOnlyList<string?> Joint(PackageArgs[] reads)
    {
        var parts = reads.Select(r => PackageReads.Part(r.Manager, r.State, r.Names)).ToList();
        var run = Run(PackageReads.Joint.Join(parts));
        run.Exit.ShouldBe(0, run.Stderr);
        return PackageReads.Joint.Split(run.Stdout, parts);
    }

    [Fact]
    public void Apt_reads_that_need_no_candidate_are_answered_as_alone_from_one_dpkg_query()
    {
        _tools.Recording("dpkg-query", Ran);
        PackageArgs[] reads =
        [
            Args("apt", "present", "bash", "coreutils"),
            Args("apt", "absent", "provision-no-such-package", "bash"),
            Args("apt", "present", "provision-no-such-package"),
            Args("apt", "latest", "bash"),
            Args("apt", "present", "bash:amd64"),
        ];
        var answers = Joint(reads);
        File.ReadAllLines(Ran).ShouldBe(["dpkg-query"]);
        foreach (var i in new[] { 0, 1 })
        {
            var alone = Run(PackageModule.ReadCommand(reads[i]));
            answers[i].ShouldBe(alone.Stdout, $"read {i}");
        }
        PackageModule.Parse(answers[0]!).Installed["bash"].ShouldNotBeNull();
        PackageModule.Parse(answers[1]!).Installed["provision-no-such-package"].ShouldBeNull();
        // A candidate to ask apt-cache for, or a name dpkg-query lists under another: read alone.
        answers.Skip(2).ShouldAllBe(a => a == null);
    }

    [Fact]
    public void A_latest_read_never_joins_since_the_joint_can_never_answer_it()
    {
        // Joined, it was left unanswered by the batch and ran again on its own: a round trip more.
        PackageModule.ReadAhead(Args("apt", "latest", "bash")).Joint.ShouldBeNull();
        PackageModule.ReadAhead(Args("dnf", "latest", "bash")).Joint.ShouldBeNull();
        PackageModule.ReadAhead(Args("apt", "present", "bash")).Joint.ShouldNotBeNull();
    }

    [Fact]
    public void Dnf_reads_are_answered_from_one_rpm_query()
    {
        _tools.Write("rpm", $$"""
            echo rpm >> {{ShellQuote.Quote(Ran)}}
            while [ "$1" != -- ]; do shift; done; shift
            one=$#
            for p in "$@"; do
                case $p in
                    postfix) [ $one = 1 ] && printf '3.10.3-1.fc43' || echo 'postfix 3.10.3-1.fc43' ;;
                    kernel) [ $one = 1 ] && printf '6.1-1\n6.2-1' || printf 'kernel 6.1-1\nkernel 6.2-1\n' ;;
                    *) echo "package $p is not installed"; missing=1 ;;
                esac
            done
            [ -z "$missing" ]
            """);
        _tools.Write("dnf", "echo 'c nginx 1.26-1'\n");
        PackageArgs[] reads = [Args("dnf", "present", "postfix"), Args("dnf", "absent", "nginx", "postfix"), Args("dnf", "present", "kernel"), Args("dnf", "present", "nginx")];
        var answers = Joint(reads);
        File.ReadAllLines(Ran).ShouldBe(["rpm"]);
        answers[0].ShouldBe(Run(PackageModule.ReadCommand(reads[0])).Stdout);
        answers[1].ShouldBe(Run(PackageModule.ReadCommand(reads[1])).Stdout);
        answers[0].ShouldBe("i postfix 3.10.3-1.fc43\n");
        answers[2].ShouldBeNull("two versions installed: the read alone says what it says");
        answers[3].ShouldBeNull("a candidate to ask dnf for");
    }
}
