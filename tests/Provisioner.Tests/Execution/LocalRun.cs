using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;

namespace Provisioner.Tests.Execution;

/// <summary>
/// Runs a playbook through the real engine (preparation, Controller, HostRunner, StageRunner,
/// TaskRunner, journals) against <see cref="LocalHost"/>: this machine, inside a temporary directory
/// that also holds the stage journals.
/// </summary>
internal sealed class LocalRun : IDisposable
{
    public LocalRun()
    {
        Root = Directory.CreateTempSubdirectory("provision-local-").FullName;
        Directory.CreateDirectory(JournalRoot);
    }

    public string Root { get; }
    public string JournalRoot => System.IO.Path.Combine(Root, "journal");
    public LocalHost Host { get; } = new();

    public string PathOf(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Writes the playbook (ROOT in its text is replaced by the temp directory) and runs it.</summary>
    public async Task<RunResult> RunAsync(string playbook, RunOptions? options = null, IRunEvents? events = null, ProbeRunner? probes = null, ProbeRegistry? registry = null,
        IReadOnlyList<string>? extraVars = null)
    {
        var file = System.IO.Path.Combine(Root, $"play-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, playbook.Replace("ROOT", Root, StringComparison.Ordinal));
        var opts = (options ?? new RunOptions()) with { JournalRoot = JournalRoot };
        var prepared = RunPreparation.Prepare(new RunRequest(file, [], [], extraVars ?? [], opts), ModuleRegistry.Default, registry ?? ProbeRegistry.Default, new SecretSet());
        prepared.Diagnostics.ShouldBeEmpty();
        var controller = new Controller(new Connector(Host), ModuleRegistry.Default, probes ?? new ProbeRunner(ProbeRegistry.Default));
        return await controller.RunAsync(prepared, opts, events ?? NoEvents.Instance, CancellationToken.None);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class Connector(LocalHost host) : IConnector
    {
        public Task<ConnectAttempt> ConnectAsync(HostPlan plan, bool acceptNewHostKeys, CancellationToken ct) => Task.FromResult(ConnectAttempt.Ok(host));
    }
}
