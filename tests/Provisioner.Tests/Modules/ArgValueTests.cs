using Provisioner.Modules;

namespace Provisioner.Tests.ModuleTests;

/// <summary>The rules of the argument kinds that every module and probe shares.</summary>
public sealed class ArgValueTests
{
    [Theory]
    [InlineData(ArgType.Path, "/etc/postfix/main.cf")]
    [InlineData(ArgType.SourcePath, "templates/main.cf.liquid")]
    [InlineData(ArgType.SourcePath, "../shared/motd")]
    [InlineData(ArgType.Mode, "0644")]
    [InlineData(ArgType.Mode, "755")]
    [InlineData(ArgType.Mode, "04755")]
    [InlineData(ArgType.Account, "postfix")]
    [InlineData(ArgType.Account, "www-data")]
    [InlineData(ArgType.Account, "1001")]
    [InlineData(ArgType.Port, "587")]
    public void Good_values_pass(ArgType type, string value) => ArgValue.Check(type, "x", value).ShouldBeNull();

    [Theory]
    [InlineData(ArgType.Path, "etc/motd", "must be an absolute path (starting with '/'), not 'etc/motd'")]
    [InlineData(ArgType.Path, "", "must be an absolute path, not empty")]
    [InlineData(ArgType.Path, "/etc/mo\ntd", "contains a control character (U+000A) at position 8")]
    [InlineData(ArgType.SourcePath, "files/a\u007Fb", "contains a control character (U+007F) at position 8")]
    [InlineData(ArgType.Mode, "u+x", "must be an octal mode like '0644', not 'u+x'")]
    [InlineData(ArgType.Mode, "0888", "must be an octal mode like '0644', not '0888'")]
    [InlineData(ArgType.Mode, "", "must be an octal mode like '0644', not ''")]
    [InlineData(ArgType.Account, "-root", "must be an account name or a numeric id, not '-root'")]
    [InlineData(ArgType.Account, "mail:x", "must be an account name or a numeric id, not 'mail:x'")]
    [InlineData(ArgType.Port, "smtp", "must be a TCP port (1-65535), not 'smtp'")]
    [InlineData(ArgType.Port, "0", "must be a TCP port (1-65535), not '0'")]
    public void Bad_values_say_what_is_wrong(ArgType type, string value, string message) =>
        ArgValue.Check(type, "x", value).ShouldNotBeNull().Message.ShouldBe(message);

    [Theory]
    [InlineData("u=rwx,g=rx,o=", "write mode: \"0750\" (symbolic modes are not supported)")]
    [InlineData("a=r", "write mode: \"0444\" (symbolic modes are not supported)")]
    [InlineData("ug=rw,o=r", "write mode: \"0664\" (symbolic modes are not supported)")]
    [InlineData("u=rw", "quote it: mode: \"0644\"")]
    [InlineData("u+x", "quote it: mode: \"0644\"")]
    public void A_symbolic_mode_is_refused_with_its_octal_form_when_it_has_one(string mode, string fix) =>
        ArgValue.Check(ArgType.Mode, "mode", mode)!.Fix.ShouldBe(fix);
}
