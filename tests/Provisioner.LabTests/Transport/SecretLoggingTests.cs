using Provisioner.Transport;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Provisioner.LabTests.Transport;

[Collection(TransportLabCollection.Name)]
public sealed class SecretLoggingTests(TransportLab lab)
{
    [Fact]
    public async Task Secrets_never_reach_the_log()
    {
        var sink = new ListSink();
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var connection = lab.SudoPw();

        var outcome = await SshRemoteHost.ConnectAsync(connection, new ConnectOptions(), log, CancellationToken.None);
        await using (var host = outcome.ShouldBeOfType<ConnectOutcome.Connected>().Host)
        {
            var arg = await host.RunAsync(Command.Of("test", new Arg("argument-secret-1", Secret: true), "=", "x"), CancellationToken.None);
            arg.ExitStatus.ShouldBe(1);
            var failing = await host.RunAsync(Command.Of("sh", "-c", "exit 4", new Arg("argument-secret-2", Secret: true)), CancellationToken.None);
            failing.ExitStatus.ShouldBe(4);
            var upload = new FileUpload("/root/secret-upload", "content-secret-3"u8.ToArray(), "0600", null, null, Secret: true) { Become = true };
            (await host.UploadAsync(upload, CancellationToken.None)).Ok.ShouldBeTrue();
        }

        sink.Messages.ShouldNotBeEmpty();
        foreach (var secret in new[] { connection.BecomePassword!, "argument-secret-1", "argument-secret-2", "content-secret-3" })
            sink.Messages.ShouldAllBe(m => !m.Contains(secret), $"'{secret}' was logged");
    }

    private sealed class ListSink : ILogEventSink
    {
        private readonly List<string> _messages = [];
        public IReadOnlyList<string> Messages { get { lock (_messages) return [.. _messages]; } }
        public void Emit(LogEvent e) { lock (_messages) _messages.Add(e.RenderMessage() + " " + string.Join(' ', e.Properties.Values)); }
    }
}
