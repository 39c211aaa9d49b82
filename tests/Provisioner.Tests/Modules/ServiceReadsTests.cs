using Provisioner.Modules;
using Provisioner.Modules.Services;
using Provisioner.Tests.Transport;
using Provisioner.Transport;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// Units' reads sent ahead together are made by one command (service-reads.sh) that answers each
/// exactly as service-read.sh does alone, with one <c>systemctl show</c> and one <c>is-active</c> for
/// all of them. Run by a real /bin/sh against a stand-in systemctl that prints as systemd 257 does
/// (or, for a missing unit's is-enabled, as systemd before 254); the lab test runs it against systemd.
/// </summary>
public sealed class ServiceReadsTests : IDisposable
{
    private readonly StandInTools _tools = new();
    private string Ran => Path.Combine(_tools.Dir, "ran");

    public void Dispose() => _tools.Dispose();

    /// <summary>postfix active and enabled, dovecot stopped and disabled, ssh masked, nope not installed.</summary>
    private void Systemctl(bool oldSystemd = false) => _tools.Write("systemctl", $$"""
        echo "$1" >> {{ShellQuote.Quote(Ran)}}
        verb=$1; shift
        [ "$verb" = show ] && shift 3
        [ "$1" = -- ] && shift
        state() { # UNIT FIELD: load, active, enabled
            case $1 in
                postfix) set -- "$2" loaded active enabled ;;
                dovecot) set -- "$2" loaded inactive disabled ;;
                ssh) set -- "$2" masked inactive masked ;;
                *) set -- "$2" not-found inactive not-found ;;
            esac
            case $1 in load) echo "$2" ;; active) echo "$3" ;; enabled) echo "$4" ;; esac
        }
        first=1
        for u in "$@"; do
            case $verb in
                show) [ $first = 1 ] || echo; state "$u" load ;;
                is-active) state "$u" active ;;
                is-enabled)
                    {{(oldSystemd ? "if [ \"$(state \"$u\" enabled)\" = not-found ]; then echo \"Failed to get unit file state for $u\" >&2; exit 1; fi" : "")}}
                    state "$u" enabled ;;
            esac
            first=0
        done
        """);

    private LocalShell.Result Run(Command c) => LocalShell.Run($"PATH={ShellQuote.Quote(_tools.Dir)}:$PATH\n" + c.Render());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_made_together_answer_each_unit_exactly_as_it_reads_alone(bool oldSystemd)
    {
        Systemctl(oldSystemd);
        string[] units = ["postfix", "nope", "dovecot", "ssh"];
        var parts = units.Select(ServiceReads.Part).ToList();
        var joint = Run(ServiceReads.Joint.Join(parts));
        joint.Exit.ShouldBe(0, joint.Stderr);
        File.ReadAllLines(Ran).ShouldBe(["show", "is-active", "is-enabled", "is-enabled", "is-enabled", "is-enabled"]);
        var answers = ServiceReads.Joint.Split(joint.Stdout, parts);

        for (var i = 0; i < units.Length; i++)
        {
            var alone = Run(ServiceModule.ReadCommand(units[i]));
            alone.Exit.ShouldBe(0, alone.Stderr);
            answers[i].ShouldBe(alone.Stdout, $"unit {units[i]}");
        }
        // Not vacuous: what the answers say.
        ServiceModule.Parse(answers[0]!, "postfix").ShouldBe(new ServiceState(true, "active", "enabled"));
        ServiceModule.Parse(answers[2]!, "dovecot").ShouldBe(new ServiceState(true, "inactive", "disabled"));
        ServiceModule.Parse(answers[1]!, "nope").Exists.ShouldBeFalse();
        answers[1]!.ShouldContain("@@ presets\n");
        ServiceModule.ReadAhead("postfix").Joint.ShouldBe(ServiceReads.Part("postfix"));
    }

    [Fact]
    public void Sections_that_do_not_add_up_answer_no_unit()
    {
        Systemctl();
        var parts = new[] { ServiceReads.Part("postfix"), ServiceReads.Part("dovecot") };
        var stdout = Run(ServiceReads.Joint.Join(parts)).Stdout;
        ServiceReads.Joint.Split(stdout, parts).ShouldAllBe(a => a != null);
        ServiceReads.Joint.Split(stdout.Replace("@@ active\nactive\n", "@@ active\n", StringComparison.Ordinal), parts).ShouldAllBe(a => a == null);
        ServiceReads.Joint.Split(stdout.Replace("@@ enabled 1\n", "@@ enabled one\n", StringComparison.Ordinal), parts).ShouldAllBe(a => a == null);
        ServiceReads.Joint.Split("", parts).ShouldAllBe(a => a == null);
    }
}
