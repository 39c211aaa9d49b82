using System.Diagnostics;
using System.Text.Json;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Execution;

public sealed record CliRun(int ExitCode, string StdOut, string StdErr, JsonDocument? Report)
{
    /// <summary>Task names per status from the JSON report, e.g. Tasks("changed").</summary>
    public IReadOnlyList<string> Tasks(string status) => Report is null ? [] :
        Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray())
            .Where(t => t.GetProperty("status").GetString() == status)
            .Select(t => t.GetProperty("name").GetString()!).ToList();

    /// <summary>
    /// Tasks and handlers per status as "stage: task" / "stage: handler name", so the same handler
    /// in two stages counts twice — for comparing check's predictions with apply's changes exactly.
    /// </summary>
    public IReadOnlyList<string> Steps(string status) => Report is null ? [] :
        Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray().Select(t => (Stage: s.GetProperty("name").GetString(), Task: t)))
            .Where(x => x.Task.GetProperty("status").GetString() == status)
            .Select(x => $"{x.Stage}: {(x.Task.GetProperty("handler").GetBoolean() ? "handler " : "")}{x.Task.GetProperty("name").GetString()}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>What a check-mode prediction for the first task of this name says it assumes (null: nothing).</summary>
    public string? AssumesOf(string task) => Report is null ? null :
        Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray())
            .Where(t => t.GetProperty("name").GetString() == task)
            .Select(t => t.TryGetProperty("assumes", out var a) ? a.GetString() : null).FirstOrDefault();

    public override string ToString() => $"exit {ExitCode}\n--- stderr\n{StdErr}\n--- stdout\n{StdOut}";
}

/// <summary>A provision process still running.</summary>
public sealed record RunningCli(Process Process, Task<CliRun> Completion)
{
    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}

/// <summary>Runs the real `provision` program (the built provision.dll) as a separate process, as a user would.</summary>
public static class ProvisionCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "provision.dll");

    public static Task<CliRun> RunAsync(params string[] args) => Start(args).Completion;

    /// <summary>
    /// How long a run may take before the test calls it hung: a bound, not a measurement, wide enough
    /// for a first apply while the longest lab classes install packages side by side on 2 cores.
    /// </summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromMinutes(20);

    /// <summary>As <see cref="RunAsync(string[])"/>, for runs that may take longer than the default 20 minutes (a VM under emulation).</summary>
    public static Task<CliRun> RunAsync(TimeSpan timeout, params string[] args) => Start(timeout, args).Completion;

    /// <summary>Starts the program and returns at once: the process (to signal or kill) and its run when it ends.</summary>
    public static RunningCli Start(params string[] args) => Start(HangAfter, args);

    /// <summary>As <see cref="RunAsync(string[])"/>, with environment variables set for this process only (e.g. SSH_AUTH_SOCK).</summary>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(HangAfter, args, environment).Completion;

    private static RunningCli Start(TimeSpan timeout, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var report = Path.Combine(Path.GetTempPath(), $"provision-report-{Guid.NewGuid():N}.json");
        var withReport = args.Length > 0 && args[0] is "apply" or "check" or "verify";
        // Through env, which puts SIGINT back to its default: a suite started in the background by a
        // non-interactive shell (nohup … &) hands its children SIGINT ignored, and .NET leaves a signal
        // ignored at start ignored, so the Ctrl-C test's signal would never arrive.
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = LabInstance.RepoRoot };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (withReport) { psi.ArgumentList.Add("--report"); psi.ArgumentList.Add(report); }
        psi.Environment["PROVISION_LOG_DIR"] = Path.Combine(Path.GetTempPath(), "provision-test-logs");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        var p = Process.Start(psi)!;
        return new RunningCli(p, CompleteAsync(p, report, timeout));
    }

    private static async Task<CliRun> CompleteAsync(Process p, string report, TimeSpan timeout)
    {
        using var _ = p;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await p.WaitForExitAsync(cts.Token);
        JsonDocument? doc = null;
        if (File.Exists(report))
        {
            doc = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            File.Delete(report);
        }
        return new CliRun(p.ExitCode, await stdout, await stderr, doc);
    }

    /// <summary>Writes a playbook to a temporary file and returns its path.</summary>
    public static async Task<string> WritePlaybookAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"playbook-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    /// <summary>Writes the lab's inventory for the given instances to a temp directory and returns its path.</summary>
    public static async Task<string> InventoryAsync(params string[] names)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"inventory-{string.Join('-', names)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var run = await LabInstance.RunLabCheckedAsync(TimeSpan.FromSeconds(60), ["inventory", .. names]);
        var path = Path.Combine(dir, "lab.yml");
        await File.WriteAllTextAsync(path, run.StdOut);
        return path;
    }
}
