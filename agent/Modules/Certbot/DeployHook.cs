using System.Text;
using Provisioner.Transport;

namespace Provisioner.Modules.Certbot;

/// <summary>A deploy hook: its file name, the services it reloads, and whether it validates their config first.</summary>
public sealed record DeployHookArgs(string Name, IReadOnlyList<string> Reload, bool Check)
{
    public const string Directory = "/etc/letsencrypt/renewal-hooks/deploy";
    public string Path => $"{Directory}/{Name}";
}

/// <summary>
/// Writes the deploy hook certbot runs after a successful renewal (MAIL.md §B.3): only for this
/// certificate's domains, and a service whose config does not validate is not reloaded (a reload
/// with a broken config would take the service down).
/// </summary>
public static class DeployHook
{
    public static string Script(DeployHookArgs hook, IReadOnlyList<string> domains)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append("# Managed by provision: reload services after certbot renews ").Append(domains[0]).Append(".\n");
        sb.Append("set -e\n");
        // certbot runs every deploy hook for every renewed lineage; act only on ours.
        sb.Append("case \" $RENEWED_DOMAINS \" in\n");
        sb.Append("  ").Append(string.Join('|', domains.Select(d => "*" + ShellQuote.Quote($" {d} ") + "*"))).Append(") ;;\n");
        sb.Append("  *) exit 0 ;;\n");
        sb.Append("esac\n");
        // Each service is tried even when an earlier one fails, so one broken config never leaves
        // the others on the old certificate; the hook still exits non-zero so certbot logs it.
        sb.Append("rc=0\n");
        foreach (var service in hook.Reload)
            sb.Append(Reload(service, hook.Check)).Append(" || rc=1\n");
        sb.Append("exit $rc\n");
        return sb.ToString();
    }

    private static string Reload(string service, bool check)
    {
        var reload = $"systemctl reload {ShellQuote.Quote(service)}";
        if (!check) return reload;
        return service switch
        {
            "postfix" => $"{{ postfix check && {reload}; }}",
            "dovecot" => $"{{ doveconf -n >/dev/null && {reload}; }}",
            _ => reload,
        };
    }
}
