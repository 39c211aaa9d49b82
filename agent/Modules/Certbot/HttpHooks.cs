using System.Text;
using Provisioner.Transport;

namespace Provisioner.Modules.Certbot;

/// <summary>A hook script certbot runs: deploy hooks after a successful renewal, pre and post hooks around every attempt.</summary>
public sealed record HookFile(string Path, string Content)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;
}

/// <summary>
/// Port 80 while certbot runs: the standalone (HTTP-01) challenge needs it, and a mail server's zones
/// (Fedora's public among them) do not open http. The pre hook opens the http service in the named
/// zones' runtime configuration — only where it is closed, leaving a marker — and the post hook
/// closes exactly what the pre hook opened, so a web server's own http stays open and nothing
/// outlives a reload. certbot runs these directory hooks on every renewal attempt (the renew timer);
/// the module's own issuance runs them around certbot certonly.
/// </summary>
public static class HttpHooks
{
    public const string PreDirectory = "/etc/letsencrypt/renewal-hooks/pre";
    public const string PostDirectory = "/etc/letsencrypt/renewal-hooks/post";
    public const string Name = "50-provision-http";
    private const string Marker = "/run/provision-certbot-opened-http";

    public static IReadOnlyList<HookFile> For(IReadOnlyList<string> zones) => zones.Count == 0 ? [] :
    [
        new($"{PreDirectory}/{Name}", Script(zones, """
            if ! firewall-cmd -q --zone="$z" --query-service=http; then
              firewall-cmd -q --zone="$z" --add-service=http && touch "$m-$z"
            fi
            """, "open port 80 (service http) while certbot runs")),
        new($"{PostDirectory}/{Name}", Script(zones, """
            if [ -e "$m-$z" ]; then
              firewall-cmd -q --zone="$z" --remove-service=http; rm -f "$m-$z"
            fi
            """, "close port 80 again where the pre hook opened it")),
    ];

    private static string Script(IReadOnlyList<string> zones, string body, string what)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append("# Managed by provision: ").Append(what).Append(" (runtime configuration only).\n");
        sb.Append("firewall-cmd --state >/dev/null 2>&1 || exit 0\n");
        sb.Append("m=").Append(Marker).Append('\n');
        sb.Append("for z in ").Append(string.Join(' ', zones.Select(ShellQuote.Quote))).Append("; do\n");
        foreach (var line in body.Split('\n')) sb.Append("  ").Append(line).Append('\n');
        sb.Append("done\n");
        return sb.ToString();
    }
}
