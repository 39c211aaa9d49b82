namespace Provisioner.Transport;

public enum HostKeyStatus { Known, Unknown, Changed, Revoked }

/// <summary>
/// What known_hosts says about an offered key. For <see cref="HostKeyStatus.Changed"/> the expected
/// key is named (fingerprint, file line) so the user can see what was trusted before.
/// </summary>
public sealed record HostKeyVerdict(HostKeyStatus Status, string? ExpectedFingerprint = null, string? ExpectedKeyType = null, int? ExpectedLine = null)
{
    public static readonly HostKeyVerdict Known = new(HostKeyStatus.Known);
    public static readonly HostKeyVerdict Unknown = new(HostKeyStatus.Unknown);
    public static readonly HostKeyVerdict Revoked = new(HostKeyStatus.Revoked);

    public static HostKeyVerdict Changed(KnownHostsEntry expected) =>
        new(HostKeyStatus.Changed, HostKeyFingerprint.Sha256(expected.KeyBlob), expected.KeyType, expected.Line);
}
