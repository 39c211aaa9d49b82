using Provisioner.Modules.Services;

namespace Provisioner.Tests.ModuleTests;

public class PresetsTests
{
    private static (string, string) F(string path, string text) => (path, text);

    [Fact]
    public void First_match_in_file_name_order_wins_and_no_match_enables()
    {
        IReadOnlyList<(string, string)> files =
        [
            F("/usr/lib/systemd/system-preset/99-default.preset", "disable *"),
            F("/usr/lib/systemd/system-preset/80-mail.preset", "enable postfix.service\ndisable dovecot.service"),
            F("/usr/lib/systemd/system-preset/85-more.preset", "enable dovecot.service"),
        ];
        Presets.Enables("postfix", files).ShouldBeTrue();
        Presets.Enables("dovecot", files).ShouldBeFalse();
        Presets.Enables("sshd.service", files).ShouldBeFalse();
        Presets.Enables("anything", []).ShouldBeTrue();
    }

    [Fact]
    public void A_same_named_file_in_etc_hides_the_vendor_one_even_when_masked_empty()
    {
        IReadOnlyList<(string, string)> files =
        [
            F("/usr/lib/systemd/system-preset/90-default.preset", "enable postfix.service\n"),
            F("/etc/systemd/system-preset/90-default.preset", ""),
            F("/usr/lib/systemd/system-preset/99-default-disable.preset", "disable *"),
        ];
        Presets.Enables("postfix", files).ShouldBeFalse();
    }

    [Theory]
    [InlineData("enable dovecot*", "dovecot.socket", true)]
    [InlineData("enable dovecot?service", "dovecot.service", true)]
    [InlineData("enable getty@[a-c].service", "getty@b.service", true)]
    [InlineData("enable getty@[!a-c].service", "getty@b.service", false)]
    [InlineData("  # enable postfix.service", "postfix.service", false)]
    [InlineData("ignore postfix.service", "postfix.service", false)]
    public void Patterns_are_shell_globs(string line, string unit, bool enabled)
    {
        Presets.Enables(unit, [F("/usr/lib/systemd/system-preset/50-x.preset", line + "\ndisable *")]).ShouldBe(enabled);
    }

    [Fact]
    public void Parses_the_listing_the_service_read_prints()
    {
        var files = Presets.ParseListing("::file /etc/systemd/system-preset/a.preset\nenable x\n\n::file /usr/lib/systemd/system-preset/b.preset\ndisable *\n");
        files.Select(f => f.Path).ShouldBe(["/etc/systemd/system-preset/a.preset", "/usr/lib/systemd/system-preset/b.preset"]);
        files[0].Text.ShouldContain("enable x");
    }
}
