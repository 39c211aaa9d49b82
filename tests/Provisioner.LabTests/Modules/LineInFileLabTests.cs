using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesLab;

/// <summary>lineinfile through the real CLI: edits keep CRLF and a missing final newline, then converge.</summary>
[Collection(UsersLab.Name)]
public sealed class LineInFileLabTests(UsersLabFixture fx)
{
    [Fact]
    public async Task Edits_lines_then_reports_no_change()
    {
        var lab = fx.Lab;
        var playbook = Path.Combine(Path.GetTempPath(), $"lines-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              tasks:
                - name: port set
                  lineinfile: { path: /etc/t-lines.conf, regexp: '^#?Port ', line: Port 2222 }
                - name: a removed
                  lineinfile: { path: /etc/t-lines.conf, regexp: '^a=', state: absent }
                - name: new file
                  lineinfile: { path: /etc/t-lines-new.conf, line: x=1, create: true, mode: "0600" }
            """);
        var Provision = fx.Provision;
        lab.Run("rm -f /etc/t-lines-new.conf; printf 'a=1\\r\\n#Port 22\\r\\nlast' > /etc/t-lines.conf; chmod 0640 /etc/t-lines.conf; echo ok").ShouldBe("ok");

        var check0 = await Provision("check", playbook, "--diff");
        check0.ExitCode.ShouldBe(2, check0.ToString());
        check0.Tasks("changed").ShouldBe(["port set", "a removed", "new file"], check0.ToString());
        check0.StdErr.ShouldContain("+Port 2222");
        lab.Run("test ! -e /etc/t-lines-new.conf && base64 -w0 /etc/t-lines.conf").ShouldBe(Convert.ToBase64String("a=1\r\n#Port 22\r\nlast"u8.ToArray()));

        var apply1 = await Provision("apply", playbook);
        apply1.ExitCode.ShouldBe(2, apply1.ToString());
        var apply2 = await Provision("apply", playbook);
        apply2.ExitCode.ShouldBe(0, apply2.ToString());
        var check1 = await Provision("check", playbook);
        check1.ExitCode.ShouldBe(0, check1.ToString());

        lab.Run("base64 -w0 /etc/t-lines.conf").ShouldBe(Convert.ToBase64String("Port 2222\r\nlast"u8.ToArray()));
        lab.Run("stat -c %a /etc/t-lines.conf; stat -c %a /etc/t-lines-new.conf; cat /etc/t-lines-new.conf").ShouldBe("640\n600\nx=1");
    }
}
