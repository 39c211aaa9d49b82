namespace Provisioner.Probes;

/// <summary>What a server's certificate is and whether it is acceptable, as printed in probe evidence.</summary>
public sealed record CertificateReport(
    string Subject,
    string Issuer,
    DateTime NotAfterUtc,
    string Sha256,
    bool ChainValid,
    string ChainStatus,
    string ServerName,
    bool NameMatches)
{
    public bool Valid => ChainValid && NameMatches;

    public double DaysLeft(DateTime nowUtc) => (NotAfterUtc - nowUtc).TotalDays;

    /// <summary>Why the certificate is not acceptable, or null when it is.</summary>
    public string? Problem => (ChainValid, NameMatches) switch
    {
        (false, _) => $"chain does not validate ({ChainStatus})",
        (_, false) => $"certificate is not valid for {ServerName}",
        _ => null,
    };

    public string Describe() =>
        $"subject {Subject}, issuer {Issuer}, notAfter {NotAfterUtc:yyyy-MM-dd HH:mm}Z, sha256 {Sha256}, chain {ChainStatus}, "
        + (NameMatches ? $"name {ServerName} matches" : $"name {ServerName} does not match");

    public static string NormalizeFingerprint(string hex) =>
        new(hex.Where(Uri.IsHexDigit).Select(char.ToUpperInvariant).ToArray());
}
