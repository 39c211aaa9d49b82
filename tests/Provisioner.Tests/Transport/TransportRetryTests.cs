using System.Net.Sockets;
using Provisioner.Transport;
using Renci.SshNet.Common;
using Serilog;

namespace Provisioner.Tests.Transport;

public class TransportRetryTests
{
    private static readonly Polly.ResiliencePipeline Pipeline =
        TransportRetry.Create("test", Serilog.Core.Logger.None, TimeSpan.FromMilliseconds(1));

    public static TheoryData<Exception> Transient => new()
    {
        new SshConnectionException("dropped"),
        new SocketException((int)SocketError.ConnectionRefused),
        new IOException("reset"),
        new SshOperationTimeoutException("slow"),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task Transient_network_errors_are_tried_three_times(Exception error)
    {
        var attempts = 0;
        await Should.ThrowAsync<Exception>(async () =>
            await Pipeline.ExecuteAsync(_ => { attempts++; throw error; }, CancellationToken.None));
        attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Success_after_a_transient_error_is_returned()
    {
        var attempts = 0;
        var result = await Pipeline.ExecuteAsync(_ => ++attempts < 2 ? throw new IOException() : ValueTask.FromResult("ok"), CancellationToken.None);
        result.ShouldBe("ok");
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Authentication_failures_are_never_retried()
    {
        var attempts = 0;
        await Should.ThrowAsync<SshAuthenticationException>(async () =>
            await Pipeline.ExecuteAsync(_ => { attempts++; throw new SshAuthenticationException("denied"); }, CancellationToken.None));
        attempts.ShouldBe(1);
    }

    [Fact]
    public void Only_network_errors_count_as_transient()
    {
        TransportRetry.IsTransient(new SshAuthenticationException()).ShouldBeFalse();
        TransportRetry.IsTransient(new InvalidOperationException()).ShouldBeFalse();
        TransportRetry.IsTransient(new SshException()).ShouldBeFalse();
        TransportRetry.IsTransient(new IOException()).ShouldBeTrue();
    }
}
