using Provisioner.Transport;

namespace Provisioner.Modules.Certbot;

/// <summary>Why a certificate must be (re)issued, and the exact certbot argv that does it.</summary>
public static class CertbotCommand
{
    private static readonly HostScript AroundHooks = HostScript.Load("around-hooks.sh");

    /// <summary>Null when the live certificate is present, covers every domain and has more than min_days left.</summary>
    public static string? Reason(CertbotArgs a, CertInfo? cert)
    {
        if (cert is null) return "missing";
        if (a.Domains.FirstOrDefault(d => !cert.Sans.Contains(d.ToLowerInvariant())) is { } lacking) return $"lacks {lacking}";
        if (cert.DaysLeft < a.MinDays) return $"expires in {cert.DaysLeft} days (min_days {a.MinDays})";
        return null;
    }

    public static Command Issue(CertbotArgs a, string reason)
    {
        var argv = new List<Arg> { "certbot", "certonly", "--non-interactive", "--agree-tos" };
        if (a.Email is { } email) argv.AddRange(["-m", email]);
        else argv.Add("--register-unsafely-without-email");
        argv.AddRange(["--cert-name", a.CertName]);
        if (a.Method == "webroot") argv.AddRange(["--webroot", "-w", a.WebrootPath!]);
        else argv.Add("--standalone");
        foreach (var d in a.Domains) argv.AddRange(["-d", d]);
        if (a.Staging) argv.Add("--staging");
        if (a.Server is { } server) argv.AddRange(["--server", server]);
        // certbot's own threshold (30 days) would keep a certificate we judged due under a larger
        // min_days, and the task would never converge: force the renewal then.
        argv.Add(reason.StartsWith("expires", StringComparison.Ordinal) ? "--force-renewal" : "--keep-until-expiring");
        var certbot = Command.Of([.. argv]) with { Timeout = TimeSpan.FromMinutes(5) };
        if (a.HttpZones.Count == 0) return certbot;
        // certbot runs directory hooks only on renew: an issuance runs them itself, the post hook
        // even when certbot fails, so port 80 never stays open.
        var hooks = HttpHooks.For(a.HttpZones);
        return Command.Script(AroundHooks.Inline([hooks[0].Path, hooks[1].Path, .. certbot.Argv.Select(a => a.Text)])) with { Timeout = certbot.Timeout };
    }
}
