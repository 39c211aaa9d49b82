using System.Text.RegularExpressions;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Transport;

namespace Provisioner.Probes;

/// <summary>
/// command: a read-only check run on the host (postfix check, postconf -n, doveconf -n, postmap -q …),
/// judged by exit status and stdout. Stdout checks take a string or a list (all must hold).
/// </summary>
public sealed class CommandProbe : IProbe
{
    private const int ShownChars = 300;

    public string Name => "command";

    public ArgSpec Spec { get; } = new([
        new("cmd", ArgType.String, Required: true),
        new("expect_rc", ArgType.Int, Help: "default 0"),
        new("stdout_contains", ArgType.Any),
        new("stdout_matches", ArgType.Any, Help: "regular expression(s), multiline"),
        new("stdout_not_contains", ArgType.Any),
        new("timeout", ArgType.Int, Help: "seconds"),
    ]) { FreeForm = "cmd" };

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var cmd = args.Required("cmd");
        var rc = args.Int("expect_rc", 0);
        var contains = args.List("stdout_contains");
        var notContains = args.List("stdout_not_contains");
        var matches = args.List("stdout_matches").Select(p => Compile(args, p)).OfType<Regex>().ToList();
        var timeout = args.Has("timeout") ? ProbeArgs.ReadTimeout(args) : (TimeSpan?)null;
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        // A user script: it may change things (send mail), so it is neither retried nor trusted to keep cached reads valid.
        var command = Command.Script(cmd) with { Timeout = timeout };
        CommandResult result;
        try
        {
            result = await host.RunAsync(command, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ProbeOutcome.Fail($"`{command.Display()}` to run", $"{ex.GetType().Name}: {ex.Message}");
        }

        var log = new CheckLog();
        var output = Shorten(result.Stdout);
        log.Check(result.ExitStatus == rc, $"`{command.Display()}` exits {rc}", $"{result.Describe()}; stdout: {output}");
        foreach (var text in contains)
            log.Check(result.Stdout.Contains(text, StringComparison.Ordinal), $"stdout contains '{text}'", $"stdout: {output}");
        foreach (var regex in matches)
            log.Check(SafeMatch(regex, result.Stdout), $"stdout matches /{regex}/", $"stdout: {output}");
        foreach (var text in notContains)
            log.Check(!result.Stdout.Contains(text, StringComparison.Ordinal), $"stdout does not contain '{text}'", $"stdout: {output}");
        return log.Outcome();
    }

    private static Regex? Compile(ArgReader args, string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            args.Diagnostics.Add(args.Args.Get("stdout_matches")!.Span, $"'stdout_matches' is not a valid regular expression: {ex.Message}", "fix the pattern (quote it in YAML)");
            return null;
        }
    }

    /// <summary>A pathological pattern on a large output counts as no match rather than an exception.</summary>
    private static bool SafeMatch(Regex regex, string text)
    {
        try { return regex.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private static string Shorten(string stdout)
    {
        var text = stdout.Trim();
        if (text.Length == 0) return "(empty)";
        return text.Length <= ShownChars ? text : text[..ShownChars] + "…";
    }
}
