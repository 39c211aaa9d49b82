namespace Provisioner.Transport;

/// <summary>Failure messages for host key problems; each names the exact command that fixes it.</summary>
public static class HostKeyMessages
{
    public static string Unknown(HostConnection c, byte[] offered)
    {
        var type = HostKeyFingerprint.TypeOf(offered);
        var port = c.Port == 22 ? "" : $"-p {c.Port} ";
        return $"host key for {c.KnownHostsName} is not in {c.KnownHostsFile} ({HostKeyFingerprint.Describe(offered)}). " +
               $"Verify it, then run with --accept-new-host-keys or add it: " +
               $"ssh-keyscan -t {type} {port}{c.Address} >> {c.KnownHostsFile}";
    }

    public static string Changed(HostConnection c, byte[] offered, HostKeyVerdict verdict) =>
        $"host key for {c.KnownHostsName} has CHANGED: {c.KnownHostsFile}:{verdict.ExpectedLine} trusts " +
        $"{HostKeyFingerprint.DisplayType(verdict.ExpectedKeyType ?? "?")} {verdict.ExpectedFingerprint}, the host offered " +
        $"{HostKeyFingerprint.Describe(offered)}. Someone may be intercepting the connection; if the host was " +
        $"reinstalled, verify the new key out of band, then remove the old one: " +
        $"ssh-keygen -R {ShellQuote.Quote(c.KnownHostsName)} -f {c.KnownHostsFile}";

    public static string Revoked(HostConnection c, byte[] offered) =>
        $"host key for {c.KnownHostsName} ({HostKeyFingerprint.Describe(offered)}) is marked @revoked in " +
        $"{c.KnownHostsFile}; refusing to connect. Give the host a new key and trust that one.";
}
