using System.Diagnostics;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesLab;

/// <summary>
/// user and group through the real CLI: a user with a plaintext secret password converges, the
/// password really is the one set (recomputed from the shadow salt), the secret appears nowhere in
/// output, reports or logs, and a changed shell is found as drift and repaired.
/// </summary>
[Collection(UsersLab.Name)]
public sealed class UserLabTests(UsersLabFixture fx)
{
    private const string Secret = "Lab-s3cret pw!";

    [Fact]
    public async Task Creates_a_user_with_a_secret_password_converges_and_repairs_drift()
    {
        var lab = fx.Lab;
        var started = DateTime.UtcNow;
        var playbook = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, $$$"""
            - hosts: all
              vars:
                lab_pw: !secret "{{{Secret}}}"
              tasks:
                - name: lab group
                  group: { name: labgrp, gid: 4321 }
                - name: lab user
                  user: { name: labuser, shell: /bin/bash, groups: [labgrp, adm], comment: Lab User, password_plain: "{{ lab_pw }}" }
            """);
        lab.Run("userdel -r labuser 2>/dev/null; groupdel labgrp 2>/dev/null; echo ok").ShouldBe("ok");
        var runs = new List<CliRun>();
        async Task<CliRun> Provision(params string[] args)
        {
            var run = await fx.Provision([.. args, "--diff", "-v"]);
            runs.Add(run);
            return run;
        }

        var check0 = await Provision("check", playbook);
        check0.ExitCode.ShouldBe(2, check0.ToString());
        check0.Tasks("changed").ShouldBe(["lab group", "lab user"], check0.ToString());
        lab.Run("getent passwd labuser || echo none").ShouldBe("none");
        var apply1 = await Provision("apply", playbook);
        apply1.ExitCode.ShouldBe(2, apply1.ToString());
        apply1.StdErr.ShouldContain("password: (absent) → (changed)");
        var apply2 = await Provision("apply", playbook);
        apply2.ExitCode.ShouldBe(0, apply2.ToString());
        var check1 = await Provision("check", playbook);
        check1.ExitCode.ShouldBe(0, check1.ToString());

        lab.Run("getent passwd labuser | cut -d: -f5,7; getent group labgrp | cut -d: -f3").ShouldBe("Lab User:/bin/bash\n4321");
        lab.Run("id -Gn labuser").Split(' ').ShouldBe(["labuser", "labgrp", "adm"], ignoreOrder: true);
        var hash = lab.Run("getent shadow labuser | cut -d: -f2");
        hash.ShouldStartWith("$6$");
        (await OpensslPasswdAsync(hash.Split('$')[2], Secret)).ShouldBe(hash);

        // Drift: someone changes the shell.
        lab.Run("usermod -s /bin/sh labuser; echo ok").ShouldBe("ok");
        var drift = await Provision("check", playbook);
        drift.ExitCode.ShouldBe(2, drift.ToString());
        drift.Tasks("changed").ShouldBe(["lab user"], drift.ToString());
        drift.StdErr.ShouldContain("shell: /bin/sh → /bin/bash");
        (await Provision("apply", playbook)).ExitCode.ShouldBe(2);
        (await Provision("check", playbook)).ExitCode.ShouldBe(0);

        // A password changed behind our back is drift too (checked on the host, hash never shown).
        lab.Run("echo 'labuser:other-password' | chpasswd; echo ok").ShouldBe("ok");
        var pwDrift = await Provision("check", playbook);
        pwDrift.ExitCode.ShouldBe(2, pwDrift.ToString());
        pwDrift.StdErr.ShouldContain("password: (set) → (changed)");
        (await Provision("apply", playbook)).ExitCode.ShouldBe(2);
        (await Provision("check", playbook)).ExitCode.ShouldBe(0);

        foreach (var run in runs)
        {
            run.StdOut.ShouldNotContain(Secret);
            run.StdErr.ShouldNotContain(Secret);
            run.Report?.RootElement.GetRawText().ShouldNotContain(Secret);
            run.ToString().ShouldNotContain(hash);
        }
        var logs = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "provision-test-logs")).GetFiles()
            .Where(f => f.LastWriteTimeUtc >= started).ToList();
        logs.ShouldNotBeEmpty();
        foreach (var log in logs) (await File.ReadAllTextAsync(log.FullName)).Contains(Secret, StringComparison.Ordinal).ShouldBeFalse(log.Name);

        lab.Run("userdel -r labuser; groupdel labgrp; echo ok").ShouldBe("ok");
    }

    [Fact]
    public async Task Without_openssl_and_perl_the_password_check_still_tells_a_matching_password_from_another()
    {
        // Fedora's core group (what a minimal Fedora or a cloud image has) has neither openssl nor perl,
        // the two tools the check recomputed hashes with: every run found the password "changed".
        var lab = fx.Lab;
        const string user = "nopl";
        var playbook = Path.Combine(Path.GetTempPath(), $"nopl-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, $$$"""
            - hosts: all
              vars:
                pw: !secret "{{{Secret}}}"
              tasks:
                - name: the user
                  user: { name: {{{user}}}, shell: /usr/sbin/nologin, password_plain: "{{ pw }}" }
            """);
        // A yescrypt hash (the distribution's default), set outside provision; then the tools hidden.
        lab.Run($"userdel -r {user} 2>/dev/null; useradd -m -s /usr/sbin/nologin {user} && printf '%s:%s\\n' {user} '{Secret}' | chpasswd && " +
                "mv /usr/bin/openssl /usr/bin/openssl.hidden && mv /usr/bin/perl /usr/bin/perl.hidden && echo ok").ShouldBe("ok");
        try
        {
            lab.Run($"getent shadow {user} | cut -d: -f2 | cut -c1-3; command -v openssl perl || echo neither").ShouldBe("$y$\nneither");
            var same = await fx.Provision("check", playbook, "--diff");
            same.ExitCode.ShouldBe(0, same.ToString());
            lab.Run($"echo '{user}:another-password' | chpasswd; echo ok").ShouldBe("ok");
            var other = await fx.Provision("check", playbook, "--diff");
            other.ExitCode.ShouldBe(2, other.ToString());
            other.StdErr.ShouldContain("password: (set) → (changed)");
            (await fx.Provision("apply", playbook)).ExitCode.ShouldBe(2);
            var again = await fx.Provision("check", playbook);
            again.ExitCode.ShouldBe(0, again.ToString());
        }
        finally
        {
            lab.Run($"mv /usr/bin/openssl.hidden /usr/bin/openssl; mv /usr/bin/perl.hidden /usr/bin/perl; userdel -r {user} 2>/dev/null; echo ok");
            File.Delete(playbook);
        }
    }

    [Fact]
    public async Task A_rolled_back_stage_takes_away_the_home_it_created_and_gives_back_the_home_it_removed()
    {
        var lab = fx.Lab;
        lab.Run("userdel -r homer 2>/dev/null; rm -rf /home/homer; echo ok").ShouldBe("ok");
        async Task<CliRun> FailingStage(string user)
        {
            var playbook = Path.Combine(Path.GetTempPath(), $"homes-{Guid.NewGuid():N}.yml");
            await File.WriteAllTextAsync(playbook, $$"""
                - hosts: all
                  stages:
                    - name: homer
                      tasks:
                        - name: homer
                          user: { name: homer, {{user}} }
                      verify:
                        - name: a probe that fails
                          command: { cmd: "test -e /nonexistent" }
                """);
            try { return await fx.Provision("apply", playbook); }
            finally { File.Delete(playbook); }
        }

        var created = await FailingStage("shell: /bin/bash");
        created.ExitCode.ShouldBe(1, created.ToString());
        created.StdErr.ShouldContain("rolled back");
        lab.Run("getent passwd homer || echo none; test -e /home/homer && echo home || echo no-home").ShouldBe("none\nno-home");

        lab.Run("useradd -m -s /bin/bash homer && echo kept > /home/homer/mail.txt && chown homer: /home/homer/mail.txt && echo ok").ShouldBe("ok");
        var mode = lab.Run("stat -c %a /home/homer");
        var removed = await FailingStage("state: absent, remove: true");
        removed.ExitCode.ShouldBe(1, removed.ToString());
        removed.StdErr.ShouldContain("rolled back");
        lab.Run("getent passwd homer | cut -d: -f6; stat -c '%U %a' /home/homer; cat /home/homer/mail.txt; stat -c %U /home/homer/mail.txt")
            .ShouldBe($"/home/homer\nhomer {mode}\nkept\nhomer");
        lab.Run("userdel -r homer 2>/dev/null; echo ok").ShouldBe("ok");
    }

    private static async Task<string> OpensslPasswdAsync(string salt, string password)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "passwd", "-6", "-salt", salt, "-stdin" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteLineAsync(password);
        p.StandardInput.Close();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.Trim();
    }
}
