using System.Globalization;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Certbot;

/// <summary>The live certificate (null: none), the hook files (in the order asked) and their directories that exist, and the renew timer, as read in one script.</summary>
public sealed record CertbotState(CertInfo? Cert, IReadOnlyList<FileState> Hooks, IReadOnlySet<string> HookDirs, bool TimerLoaded, bool TimerEnabled, bool TimerActive)
{
    /// <summary>certbot is not installed: nothing else was read.</summary>
    public static readonly CertbotState NotInstalled = new(null, [], new HashSet<string>(), false, false, false) { Installed = false };

    public bool Installed { get; init; } = true;
}

/// <summary>A certificate's expiry (as printed and as whole days left on the host's clock) and its DNS SANs.</summary>
public sealed record CertInfo(string NotAfter, long DaysLeft, IReadOnlyList<string> Sans);

/// <summary>
/// The one read script (certbot-read.sh): openssl on live/NAME/cert.pem (days left from the host's
/// <c>date</c>, not the controller's), the hook files through <see cref="FileReads"/> (one stat for all),
/// and systemctl for the timer.
/// </summary>
public static class CertbotRead
{
    /// <summary>The read's exit status and message when there is no certbot.</summary>
    public const int NotInstalled = 127;
    public const string NotInstalledMessage = "certbot not found";

    private static readonly HostScript Script = HostScript.Load("certbot-read.sh");

    /// <summary>The hook files are read by one command (<see cref="FileReads"/>) whose text the script runs last.</summary>
    public static Command Command(string certName, IReadOnlyList<string> hookPaths, string timerUnit) =>
        Transport.Command.Script(Script.Inline([HookRead(hookPaths)?.Render() ?? "", certName, timerUnit, .. hookPaths]), readOnly: true);

    private static IReadOnlyList<JointRead> HookParts(IReadOnlyList<string> hookPaths) => [.. hookPaths.Select(p => FileReads.Part(p, withContent: true))];

    private static Command? HookRead(IReadOnlyList<string> hookPaths) => hookPaths.Count == 0 ? null : FileReads.Joint.Join(HookParts(hookPaths));

    /// <summary>
    /// The state as read. Where the hook files' read does not add up (one changed between two looks) the
    /// state has no hooks at all, and the caller reads each on its own.
    /// </summary>
    public static CertbotState Parse(string stdout, IReadOnlyList<string> hookPaths)
    {
        var sections = MarkedSections.Parse(stdout);

        CertInfo? cert = null;
        var certLines = sections.Words("cert");
        if (certLines.FirstOrDefault(l => l.StartsWith("notafter ", StringComparison.Ordinal)) is { } notAfter)
        {
            var days = certLines.FirstOrDefault(l => l.StartsWith("days ", StringComparison.Ordinal)) is { } d
                && long.TryParse(d[5..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : -1;
            cert = new CertInfo(notAfter[9..], days, ParseSans(string.Join(',', certLines.Where(l => l.Contains("DNS:", StringComparison.Ordinal)))));
        }

        var timer = sections.Words("timer");
        var unit = new ServiceState(timer.ElementAtOrDefault(0) == "loaded", timer.ElementAtOrDefault(2) ?? "", timer.ElementAtOrDefault(1) ?? "");
        return new CertbotState(cert, Hooks(stdout, hookPaths), sections.Words("hookdirs").ToHashSet(StringComparer.Ordinal),
            unit.Exists, unit.IsEnabled, unit.IsActive);
    }

    /// <summary>Each hook file's read from the "@@ hooks" section, the script's last; none where it does not add up.</summary>
    private static IReadOnlyList<FileState> Hooks(string stdout, IReadOnlyList<string> hookPaths)
    {
        const string Marker = MarkedSections.Marker + "hooks\n";
        var at = stdout.StartsWith(Marker, StringComparison.Ordinal) ? 0
            : stdout.IndexOf("\n" + Marker, StringComparison.Ordinal) is var line and >= 0 ? line + 1 : -1;
        if (hookPaths.Count == 0 || at < 0) return [];
        var each = FileReads.Joint.Split(stdout[(at + Marker.Length)..], HookParts(hookPaths));
        return each.All(e => e is not null) ? [.. each.Select(e => FileReader.Parse(e!))] : [];
    }

    /// <summary>"DNS:a.example, DNS:b.example, IP Address:1.2.3.4" → [a.example, b.example].</summary>
    public static IReadOnlyList<string> ParseSans(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith("DNS:", StringComparison.Ordinal)).Select(p => p[4..].ToLowerInvariant()).ToList();
}
