using System.Text;
using System.Text.RegularExpressions;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Certbot;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules;

public sealed record CertbotArgs(
    IReadOnlyList<string> Domains, string CertName, string? Email, string Method, string? WebrootPath,
    int MinDays, bool Staging, DeployHookArgs? DeployHook, bool Timer, string TimerUnit, IReadOnlyList<string> HttpZones)
{
    /// <summary>The ACME directory URL of a CA other than Let's Encrypt (null: certbot's default).</summary>
    public string? Server { get; init; }

    /// <summary>The hook files the module owns: the deploy hook, and the pre/post hooks that open port 80.</summary>
    public IReadOnlyList<HookFile> Hooks =>
        [.. DeployHook is { } h ? new[] { new HookFile(h.Path, Certbot.DeployHook.Script(h, Domains)) } : [], .. HttpHooks.For(HttpZones)];
}

/// <summary>
/// certbot: a Let's Encrypt certificate present (issued when missing, expiring within min_days or
/// lacking a domain), a deploy hook that reloads the services using it, port 80 opened in the given
/// firewalld zones while certbot runs (standalone), and the renew timer on.
/// </summary>
public sealed partial class CertbotModule : Module<CertbotArgs, CertbotState>
{
    public override string Name => "certbot";

    private static readonly Need Certbot = Need.Package("certbot");

    public override IReadOnlyList<Need> Requires(CertbotArgs args) => [Certbot];

    public override ArgSpec Spec { get; } = new([
        new("domains", ArgType.List, Required: true),
        new("cert_name", ArgType.String),
        new("email", ArgType.String),
        new("method", ArgType.String, Choices: ["standalone", "webroot"], Default: "standalone"),
        new("webroot_path", ArgType.Path),
        new("min_days", ArgType.Int, Default: "30"),
        new("staging", ArgType.Bool, Default: "false"),
        new("deploy_hook", ArgType.Map, Help: "{ name: 50-mail-reload, reload: [postfix, dovecot], check: true }"),
        new("timer", ArgType.Bool, Default: "false"),
        new("http_zones", ArgType.List, Help: "firewalld zones that get port 80 (service http) while certbot runs: issuance and every renewal (standalone)"),
        new("server", ArgType.String, Help: "ACME directory URL of another CA (empty: Let's Encrypt); certbot keeps it for renewals"),
    ]);

    protected override CertbotArgs Bind(ArgReader r)
    {
        var domains = r.List("domains");
        if (domains.Count == 0) r.Diagnostics.Add(r.Span, "certbot 'domains' is empty", "list the certificate's names, the first is the cert name");
        foreach (var d in domains.Where(d => !DomainRe().IsMatch(d)))
            r.Diagnostics.Add(r.Args.Get("domains")!.Span, $"'{d}' is not a domain name", "write names like mail.example.jp");
        var certName = r.Str("cert_name") ?? domains.FirstOrDefault() ?? "";
        if (!NameRe().IsMatch(certName)) r.Diagnostics.Add(r.Span, $"'{certName}' is not a usable cert name", "use letters, digits, dots and dashes");
        var method = r.Choice("method");
        var webroot = r.Path("webroot_path");
        if (method == "webroot" && webroot is null) r.Diagnostics.Add(r.Span, "method webroot needs webroot_path", "add webroot_path: /var/www/html");
        var minDays = r.Int("min_days");
        if (minDays is < 0 or > 89) r.Diagnostics.Add(r.Args.Get("min_days")!.Span, "min_days must be between 0 and 89", "Let's Encrypt certificates last 90 days or less");
        // Fedora names the unit certbot-renew.timer (and does not start it); Debian certbot.timer.
        var timerUnit = r.Facts?.OsFamily == "redhat" ? "certbot-renew.timer" : "certbot.timer";
        var zones = r.List("http_zones");
        foreach (var z in zones.Where(z => !NameRe().IsMatch(z)))
            r.Diagnostics.Add(r.Args.Get("http_zones")!.Span, $"'{z}' is not a firewalld zone name", "write http_zones: [public]");
        if (zones.Count > 0 && method != "standalone")
            r.Diagnostics.Add(r.Args.Get("http_zones")!.Span, "http_zones is for method: standalone (certbot's own server answers on port 80)", "drop http_zones, or use method: standalone");
        var server = r.Str("server") is { Length: > 0 } url ? url : null;
        if (server is not null && !(Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            r.Diagnostics.Add(r.Args.Get("server")!.Span, $"server must be an https:// URL, not '{server}'", "write the CA's ACME directory, e.g. https://acme-v02.api.letsencrypt.org/directory, or leave server empty");
        return new CertbotArgs(domains, certName, r.Str("email"), method, webroot, minDays, r.Bool("staging"),
            BindHook(r), r.Bool("timer"), timerUnit, zones) { Server = server };
    }

    private static DeployHookArgs? BindHook(ArgReader r)
    {
        if (r.Map("deploy_hook") is not { } map) return null;
        var hook = new ArgReader(map, r.Diagnostics) { Facts = r.Facts };
        foreach (var key in map.Keys.Where(k => k is not ("name" or "reload" or "check")))
            r.Diagnostics.Add(map.KeyNode(key)!.Span, $"unknown deploy_hook key '{key}'", "use name, reload and check");
        var name = hook.Str("name") ?? "50-reload";
        if (!NameRe().IsMatch(name)) r.Diagnostics.Add(map.Span, $"'{name}' is not a plain file name", "write name: 50-mail-reload");
        var reload = hook.List("reload");
        foreach (var s in reload.Where(s => !UnitRe().IsMatch(s)))
            r.Diagnostics.Add(map.Span, $"'{s}' is not a systemd service name", "write reload: [postfix, dovecot]");
        return new DeployHookArgs(name, reload, hook.Bool("check", true));
    }

    public override IReadOnlyList<AheadRead> ReadCommands(CertbotArgs args) => [ReadCommand(args)];

    private static Command ReadCommand(CertbotArgs args) => CertbotRead.Command(args.CertName, args.Hooks.Select(h => h.Path).ToList(), args.TimerUnit);

    public override async Task<CertbotState> ReadAsync(CertbotArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(ReadCommand(args), ct).ConfigureAwait(false);
        if (result.ExitStatus == CertbotRead.NotInstalled && result.Stderr.Contains(CertbotRead.NotInstalledMessage, StringComparison.Ordinal))
            return CertbotState.NotInstalled;
        if (!result.Ok) throw new RemoteReadException($"could not read certbot state: {result.Describe()}");
        var paths = args.Hooks.Select(h => h.Path).ToList();
        var state = CertbotRead.Parse(result.Stdout, paths);
        if (state.Hooks.Count == paths.Count) return state;
        // The hook files' read did not add up (one changed between two looks): each is read again alone.
        var hooks = new List<FileState>();
        foreach (var path in paths) hooks.Add(await FileReader.ReadAsync(host, path, withContent: true, ct).ConfigureAwait(false));
        return state with { Hooks = hooks };
    }

    public override Plan Plan(CertbotArgs a, CertbotState s)
    {
        if (!s.Installed) return Missing(Certbot, "certbot not found: install certbot in an earlier task");
        var plan = Modules.Plan.None;
        // Hooks first: an issuance runs the port 80 hooks around certbot.
        foreach (var dir in a.Hooks.Select(h => h.Directory).Distinct(StringComparer.Ordinal).Where(d => !s.HookDirs.Contains(d)))
            plan = plan.Then(new Plan([new CommandStep(Command.Of("install", "-d", "-m", "0755", dir), $"create {dir}")], []));
        foreach (var (hook, have) in a.Hooks.Zip(s.Hooks))
            plan = plan.Then(ManagedFilePlanner.Plan(new ManagedFile(hook.Path, Encoding.UTF8.GetBytes(hook.Content), "0755", "root", "root", false), have));
        if (CertbotCommand.Reason(a, s.Cert) is { } reason)
            plan = plan.Then(Modules.Plan.Of(new Change($"certificate {a.CertName}", ChangeKind.State, reason, "issued"),
                new CommandStep(CertbotCommand.Issue(a, reason), $"certbot certonly {a.CertName} ({reason})")));
        if (a.Timer && !s.TimerLoaded)
            plan = plan.Then(Missing(Need.Unit(a.TimerUnit), $"{a.TimerUnit} is not installed; install the certbot package in an earlier task"));
        else if (a.Timer && !(s.TimerEnabled && s.TimerActive))
            plan = plan.Then(Modules.Plan.Of(new Change(a.TimerUnit, ChangeKind.State, $"{(s.TimerEnabled ? "enabled" : "disabled")}, {(s.TimerActive ? "active" : "inactive")}", "enabled, active"),
                new CommandStep(Command.Of("systemctl", "enable", "--now", "--", a.TimerUnit), $"systemctl enable --now {a.TimerUnit}")));
        return plan;
    }

    /// <summary>
    /// All of /etc/letsencrypt (an issuance writes the certificate, key, account and renewal files
    /// there; purging a certbot that the stage installed runs Debian's postrm, which deletes the whole
    /// tree), the hooks and the timer. Journaling the whole tree puts it back exactly.
    /// </summary>
    public override IReadOnlyList<JournalItem> Journal(CertbotArgs args, CertbotState? state)
    {
        var items = new List<JournalItem> { new JournalFile(LetsEncrypt) };
        items.AddRange(args.Hooks.Select(h => new JournalFile(h.Path)));
        if (args.Timer) items.Add(new JournalUnit(args.TimerUnit));
        return items;
    }

    /// <summary>
    /// The host is put back whole. (A certificate the CA issued stays issued there: that is the CA's
    /// record, not the host's state, and costs only a place in its rate limits.)
    /// </summary>
    public override string? Irreversible(CertbotArgs args, CertbotState? state) => null;

    private const string LetsEncrypt = "/etc/letsencrypt";

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex DomainRe();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NameRe();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9@._:-]*$")]
    private static partial Regex UnitRe();
}
