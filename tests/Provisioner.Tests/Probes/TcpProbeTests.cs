using System.Net;
using System.Net.Sockets;
using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

public sealed class TcpProbeTests
{
    private readonly TcpProbe _probe = new();

    [Fact]
    public async Task Open_port_passes_state_open()
    {
        using var listener = Listen();
        var outcome = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {Port(listener)}, state: open }}");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldBe($"127.0.0.1:{Port(listener)} accepts TCP connections");
    }

    [Fact]
    public async Task Open_port_fails_state_closed()
    {
        using var listener = Listen();
        var outcome = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {Port(listener)}, state: closed }}");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldStartWith("connected to");
    }

    [Fact]
    public async Task Refused_port_passes_state_closed_and_fails_state_open()
    {
        var port = FreePort();
        var closed = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {port}, state: closed }}");
        closed.Passed.ShouldBeTrue(closed.Actual);
        closed.Actual.ShouldBe("connection refused");

        var open = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {port} }}");
        open.Passed.ShouldBeFalse();
        open.Actual.ShouldBe("connection refused");
    }

    [Fact]
    public async Task Source_address_binds_the_local_end()
    {
        using var listener = Listen();
        var outcome = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {Port(listener)}, source_address: 127.0.0.1 }}");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
    }

    [Fact]
    public async Task Unresolvable_name_fails_even_when_closed_is_expected()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ host: no-such-host.invalid, port: 25, state: closed, timeout: 5 }");
        outcome.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_arguments_fail_with_the_problem()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ host: 127.0.0.1, port: 70000, state: shut }");
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldBe("valid arguments");
        outcome.Actual.ShouldContain("'port' must be a TCP port");
        outcome.Actual.ShouldContain("'state' must be one of open, closed");
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener l) => ((IPEndPoint)l.LocalEndpoint).Port;

    private static int FreePort()
    {
        using var l = Listen();
        return Port(l);
    }
}
