using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Tests.Reads;

public class CachingRemoteHostTests
{
    private static readonly Command Zones = Command.Script("firewall-cmd --list-all-zones", readOnly: true) with { Cacheable = true };

    private readonly CountingRemoteHost _inner = new();
    private readonly CachingRemoteHost _host;

    public CachingRemoteHostTests() => _host = new CachingRemoteHost(_inner);

    private Task<CommandResult> Run(Command c) => _host.RunAsync(c, CancellationToken.None);

    [Fact]
    public async Task A_cacheable_read_runs_once_and_is_answered_from_the_cache_after()
    {
        var first = await Run(Zones);
        var second = await Run(Zones with { Timeout = TimeSpan.FromSeconds(5) });
        second.ShouldBeSameAs(first);
        _inner.Ran.ShouldBe(["firewall-cmd --list-all-zones"]);
    }

    [Fact]
    public async Task Different_text_or_become_misses()
    {
        await Run(Zones);
        await Run(Command.Script("firewall-cmd --permanent --list-all-zones", readOnly: true) with { Cacheable = true });
        await Run(Zones with { Become = true });
        await Run(Zones with { Become = true });
        _inner.Ran.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_change_command_clears_the_cache_but_other_reads_do_not()
    {
        await Run(Zones);
        await Run(Command.Read("systemctl", "is-active", "firewalld"));
        await Run(Zones);
        _inner.Ran.Count.ShouldBe(2, "a plain read changes nothing");

        await Run(Command.Of("firewall-cmd", "--zone=internal", "--add-service=smtp"));
        await Run(Zones);
        _inner.Ran.Count(c => c == "firewall-cmd --list-all-zones").ShouldBe(2);
    }

    [Fact]
    public async Task An_upload_clears_the_cache()
    {
        await Run(Zones);
        await _host.UploadAsync(new FileUpload("/etc/firewalld/zones/internal.xml", [], "0644", null, null), CancellationToken.None);
        await Run(Zones);
        _inner.Ran.ShouldBe(["firewall-cmd --list-all-zones", "upload /etc/firewalld/zones/internal.xml", "firewall-cmd --list-all-zones"]);
    }

    [Fact]
    public async Task Forgetting_reads_makes_the_next_read_run_again()
    {
        // The engine forgets after probes: they change the host from outside this connection.
        await Run(Zones);
        _host.ForgetReads();
        await Run(Zones);
        _inner.Ran.ShouldBe(["firewall-cmd --list-all-zones", "firewall-cmd --list-all-zones"]);
    }

    [Fact]
    public async Task Failures_are_not_cached()
    {
        _inner.Next = new CommandResult(1, "", "Error: not running", TimeSpan.Zero);
        (await Run(Zones)).Ok.ShouldBeFalse();
        _inner.Next = new CommandResult(null, "", "", TimeSpan.Zero, SshRemoteHost.ConnectionLostSignal);
        (await Run(Zones)).Ok.ShouldBeFalse();
        _inner.Next = null;
        (await Run(Zones)).Ok.ShouldBeTrue();
        await Run(Zones);
        _inner.Ran.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Commands_not_marked_cacheable_always_run()
    {
        var read = Command.Read("cat", "/etc/hostname");
        await Run(read);
        await Run(read);
        // Cacheable means nothing without ReadOnly: a change is never skipped.
        var change = Command.Of("touch", "/tmp/x") with { Cacheable = true };
        await Run(change);
        await Run(change);
        // Input may be secret and is not part of the key.
        var withInput = Zones with { Stdin = [1] };
        await Run(withInput);
        await Run(withInput);
        _inner.Ran.Count.ShouldBe(6);
    }

    /// <summary>Records what reached the host; answers with <see cref="Next"/> or a fresh success.</summary>
    private sealed class CountingRemoteHost : IRemoteHost
    {
        public List<string> Ran { get; } = [];
        public CommandResult? Next { get; set; }
        public string Name => "counting";

        public Task<CommandResult> RunAsync(Command command, CancellationToken ct)
        {
            Ran.Add(command.Render());
            return Task.FromResult(Next ?? new CommandResult(0, $"out {Ran.Count}", "", TimeSpan.Zero));
        }

        public Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct)
        {
            Ran.Add($"upload {upload.Path}");
            return Task.FromResult(new CommandResult(0, "", "", TimeSpan.Zero));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
