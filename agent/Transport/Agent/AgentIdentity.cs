namespace Provisioner.Transport.Agent;

/// <summary>One key the agent holds: its public blob (a plain key or an OpenSSH certificate) and the comment ssh-add gave it.</summary>
public sealed record AgentIdentity(byte[] Blob, string Comment)
{
    /// <summary>The key type named in the blob, e.g. <c>ssh-ed25519</c> or <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public string KeyType => HostKeyFingerprint.TypeOf(Blob);

    public string Fingerprint => HostKeyFingerprint.Sha256(Blob);

    public bool SameKey(byte[] blob) => Blob.AsSpan().SequenceEqual(blob);
}
