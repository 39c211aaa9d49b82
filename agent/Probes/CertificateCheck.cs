using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Probes;

/// <summary>
/// Validates a server certificate the way the probe's user means it: against exactly the CA in
/// ca_file when one is given (never the controller's system store, which would hide a wrong CA),
/// otherwise against the system store; and against server_name rather than the dialled address.
/// </summary>
internal static class CertificateCheck
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public static X509Certificate2Collection LoadRoots(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        if (roots.Count == 0) throw new CryptographicException($"no certificate in {caFile}");
        return roots;
    }

    public static CertificateReport Evaluate(X509Certificate2 leaf, IEnumerable<X509Certificate2> presented, X509Certificate2Collection? roots, string serverName)
    {
        using var chain = new X509Chain();
        // Revocation needs the CA's OCSP/CRL endpoints, which a lab or a firewalled controller cannot
        // reach; a probe that hangs or fails on that would say nothing about the server.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        foreach (var c in presented.Where(c => c.Thumbprint != leaf.Thumbprint)) chain.ChainPolicy.ExtraStore.Add(c);
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }
        var valid = chain.Build(leaf);
        var status = valid
            ? roots is null ? "valid (system trust)" : "valid (ca_file)"
            : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return new CertificateReport(
            leaf.Subject,
            leaf.Issuer,
            leaf.NotAfter.ToUniversalTime(),
            leaf.GetCertHashString(HashAlgorithmName.SHA256),
            valid,
            status,
            serverName,
            leaf.MatchesHostname(serverName, allowWildcards: true, allowCommonName: false));
    }
}
