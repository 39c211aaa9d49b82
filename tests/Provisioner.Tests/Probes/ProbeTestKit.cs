using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Transport;
using Provisioner.Yaml;

namespace Provisioner.Tests.Probes;

/// <summary>Builds probe arguments from YAML (the shape users write) and a host that is never contacted.</summary>
internal static class ProbeTestKit
{
    public static ArgReader Args(string yaml)
    {
        var d = new Diagnostics();
        var node = YamlLoader.LoadText(yaml, "probe.yml", d);
        d.HasErrors.ShouldBeFalse(string.Join("; ", d.Items));
        return new ArgReader((MapNode)node!, d) { BaseDirectory = Path.GetTempPath() };
    }

    public static HostContext Host(IRemoteHost? remote = null) => new(remote ?? new FakeRemoteHost(new CommandResult(0, "", "", TimeSpan.Zero)), Facts, Become: false);

    public static Task<ProbeOutcome> RunAsync(IProbe probe, string yaml, IRemoteHost? remote = null) =>
        probe.RunAsync(Args(yaml), Host(remote), CancellationToken.None);

    private static readonly Facts Facts = new("fedora", "42", "redhat", "Fedora Linux 42", "dnf", 257, [], "enforcing", "mail", "admin");
}

/// <summary>Answers every command with one canned result and remembers what was asked.</summary>
internal sealed class FakeRemoteHost(CommandResult result) : IRemoteHost
{
    public List<Command> Commands { get; } = [];

    public string Name => "fake";

    public Task<CommandResult> RunAsync(Command command, CancellationToken ct)
    {
        Commands.Add(command);
        return Task.FromResult(result);
    }

    public Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct) => throw new NotSupportedException("probes never upload");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
