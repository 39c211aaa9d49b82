using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>Which host key algorithms a connection offers in negotiation.</summary>
internal static class HostKeyPolicy
{
    /// <summary>
    /// Like ssh, negotiate a key type we already trust for the host, so a host with several keys is
    /// not reported as changed just because the server prefers a type we never recorded. Host
    /// certificates are not supported, so certificate algorithms are never offered.
    /// </summary>
    public static void PreferKnownKeyTypes(HostConnection connection, ConnectionInfo info)
    {
        foreach (var alg in info.HostKeyAlgorithms.Keys.Where(a => a.Contains("-cert-", StringComparison.Ordinal)).ToList())
            info.HostKeyAlgorithms.Remove(alg);

        var knownTypes = KnownHosts.Load(connection.KnownHostsFile).KnownKeyTypes(connection.Address, connection.Port);
        if (knownTypes.Count == 0) return;
        var unwanted = info.HostKeyAlgorithms.Keys.Where(a => !knownTypes.Contains(KeyTypeOf(a))).ToList();
        if (unwanted.Count == info.HostKeyAlgorithms.Count) return; // nothing we trust is offered; let the check report it
        foreach (var alg in unwanted) info.HostKeyAlgorithms.Remove(alg);
    }

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;
}
