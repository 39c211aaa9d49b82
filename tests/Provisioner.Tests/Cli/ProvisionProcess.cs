using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Tests.CliTests;

/// <summary>How a run of the real program ended, as the harness saw it, with what it cost the machine.</summary>
/// <param name="CpuSeconds">The child's processor time, user plus system, as the kernel counted it (getrusage through /usr/bin/time).</param>
/// <param name="PeakRssBytes">The child's peak resident memory (max RSS).</param>
public sealed partial record ProcessOutcome(int ExitCode, string Stdout, string Stderr, bool Killed, double CpuSeconds = 0, long PeakRssBytes = 0)
{
    /// <summary>A .NET stack trace line ("   at Namespace.Type.Method(...)") or the runtime's own crash report.</summary>
    public bool HasStackTrace => StackFrame().IsMatch(Stderr) || StackFrame().IsMatch(Stdout) || Stderr.Contains("Stack overflow.", StringComparison.Ordinal);

    public override string ToString() =>
        $"exit {ExitCode}{(Killed ? " (killed by the harness)" : "")}, {CpuSeconds:0.00} s CPU, {PeakRssBytes / 1024 / 1024} MiB peak RSS\n--- stderr\n{Clip(Stderr)}\n--- stdout\n{Clip(Stdout)}";

    private static string Clip(string text) => text.Length > 4000 ? text[..4000] + "…" : text;

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}

/// <summary>
/// Runs the built provision program (provision.dll beside the tests) as a child process under limits
/// the harness enforces, not the program: its address space is capped with prlimit (the .NET runtime
/// gives its heap half of it, so about 1 GiB), its processor time to <see cref="CpuSeconds"/> (the
/// kernel stops it with SIGXCPU: a bound on the program's own work that a loaded machine does not
/// shorten), and it is killed after <see cref="KillAfter"/> of wall time (a run blocked on input uses
/// no processor time). A run that hangs, spins or grows is then a failed assertion, never a stuck or
/// swapping test machine. /usr/bin/time reports the child's own processor time and peak memory, which
/// tests assert instead of wall-clock time (other work on the machine stretches wall time, not these).
/// </summary>
internal static class ProvisionProcess
{
    public const long AddressSpaceBytes = 2L * 1024 * 1024 * 1024;
    public const int CpuSeconds = 20;
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(120);

    /// <summary>How a process ends when the kernel stops it at its processor-time limit (128 + SIGXCPU).</summary>
    private const int ExitByCpuLimit = 128 + 24;

    private const string Time = "/usr/bin/time";

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "provision.dll");

    public static Task<ProcessOutcome> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    public static Task<ProcessOutcome> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(workingDirectory, environment, null, args);

    /// <summary>Runs the program with its output redirected by the shell, such as <c>&gt;/dev/full</c>.</summary>
    public static Task<ProcessOutcome> RunRedirectedAsync(string workingDirectory, string redirection, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), redirection, args);

    private static async Task<ProcessOutcome> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? shell, string[] args)
    {
        File.Exists(Time).ShouldBeTrue($"{Time} measures the child's processor time and memory (Debian package 'time')");
        var stats = Path.Combine(Path.GetTempPath(), $"provision-usage-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        string[] program = ["dotnet", Dll, .. args];
        // A redirection is the shell's job: sh runs under time, the program replaces it (exec), so time still measures the program.
        if (shell is not null) program = ["sh", "-c", $"exec \"$@\" {shell}", "sh", .. program];
        foreach (var a in (string[])[$"--as={AddressSpaceBytes.ToString(CultureInfo.InvariantCulture)}", $"--cpu={CpuSeconds.ToString(CultureInfo.InvariantCulture)}",
                     Time, "-o", stats, "-f", "%U %S %M", .. program]) psi.ArgumentList.Add(a);
        psi.Environment["PROVISION_LOG_DIR"] = Path.Combine(workingDirectory, "logs");
        psi.Environment.Remove("ANSIBLE_VAULT_PASSWORD_FILE");
        // No ansible.cfg of the developer's (ANSIBLE_CONFIG, ~/.ansible.cfg) may change what a test runs: HOME is an empty directory of its own.
        psi.Environment.Remove("ANSIBLE_CONFIG");
        var home = Directory.CreateTempSubdirectory("provision-home-").FullName;
        psi.Environment["HOME"] = home;
        psi.RedirectStandardInput = true; // never the test runner's terminal: prompts must see there is none
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = false;
        using (var deadline = new CancellationTokenSource(KillAfter))
        {
            try { await process.WaitForExitAsync(deadline.Token); }
            catch (OperationCanceledException)
            {
                killed = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        var (cpu, rss) = Usage(stats);
        Directory.Delete(home, recursive: true);
        // time exits with the program's code, or 128 + the signal that ended it.
        return new ProcessOutcome(process.ExitCode, await stdout, await stderr, killed || process.ExitCode == ExitByCpuLimit, cpu, rss);
    }

    /// <summary>The last line time wrote ("USER SYSTEM MAXRSS_KIB"); before it may come "Command exited with non-zero status N".</summary>
    private static (double Cpu, long Rss) Usage(string stats)
    {
        if (!File.Exists(stats)) return (0, 0);
        var last = File.ReadAllLines(stats).LastOrDefault(l => l.Trim().Length > 0) ?? "";
        File.Delete(stats);
        var f = last.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 3) return (0, 0);
        var cpu = double.Parse(f[0], CultureInfo.InvariantCulture) + double.Parse(f[1], CultureInfo.InvariantCulture);
        return (cpu, long.Parse(f[2], CultureInfo.InvariantCulture) * 1024);
    }
}
