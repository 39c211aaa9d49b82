using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>Which host key algorithms a connection offers in negotiation.</summary>
internal static class HostKeyPolicy
{
    /// <summary>
    /// Like ssh, negotiate a key type we already trust for the host, so a host with several keys is
    /// not reported as changed just because the server prefers a type we never recorded. Host
    /// certificates are asked for only when a @cert-authority line covers the host.
    /// </summary>
    public static void PreferKnownKeyTypes(HostConnection connection, ConnectionInfo info)
    {
        var known = KnownHosts.Load(connection.KnownHostsFile);
        var wantCertificates = known.CertAuthorities(connection.Address, connection.Port).Count > 0;
        foreach (var alg in info.HostKeyAlgorithms.Keys.Where(IsCertificate).ToList())
            if (!wantCertificates) info.HostKeyAlgorithms.Remove(alg);

        var knownTypes = known.KnownKeyTypes(connection.Address, connection.Port);
        if (knownTypes.Count == 0) return;
        var unwanted = info.HostKeyAlgorithms.Keys.Where(a => !IsCertificate(a) && !knownTypes.Contains(KeyTypeOf(a))).ToList();
        if (unwanted.Count == info.HostKeyAlgorithms.Count) return; // nothing we trust is offered; let the check report it
        foreach (var alg in unwanted) info.HostKeyAlgorithms.Remove(alg);
    }

    private static bool IsCertificate(string algorithm) => algorithm.Contains("-cert-", StringComparison.Ordinal);

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;
}
