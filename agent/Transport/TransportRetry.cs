using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Renci.SshNet.Common;
using Serilog;

namespace Provisioner.Transport;

/// <summary>
/// The only retries in the transport: connection set-up, and commands marked read-only. A step
/// that changes the host is never repeated, because after a network error we cannot know whether
/// it already ran. Authentication and host key failures are not transient and are never retried
/// (they surface as outcomes before reaching the pipeline, or as exception types it does not handle).
/// </summary>
public static class TransportRetry
{
    public const int Attempts = 3;

    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(300);

    public static bool IsTransient(Exception e) => e is SshConnectionException or SocketException or IOException or SshOperationTimeoutException
        && e is not SshAuthenticationException;

    public static ResiliencePipeline Create(string what, ILogger log, TimeSpan? baseDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? DefaultBaseDelay,
                OnRetry = args =>
                {
                    log.Warning("{What} failed ({Error}); retry {Attempt} of {Max} in {Delay}",
                        what, args.Outcome.Exception?.Message, args.AttemptNumber + 1, Attempts - 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();

    /// <summary>Non-read-only commands go through this: exactly one attempt.</summary>
    public static ResiliencePipeline None => ResiliencePipeline.Empty;
}
