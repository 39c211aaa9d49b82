using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;

namespace Provisioner.Probes;

/// <summary>Where a probe connects and how it judges TLS there: the shared part of tls, smtp, pop3 and mail.</summary>
internal sealed record TlsEndpoint(string Host, int Port, string ServerName, X509Certificate2Collection? Roots, string? CaFile, string? SourceAddress, TimeSpan Timeout)
{
    public string Where => $"{Host}:{Port}";

    public string TrustDescription => CaFile is null ? "system trust" : Path.GetFileName(CaFile);

    /// <summary>SNI carries names only; an address as server_name means "no SNI, match the IP SAN".</summary>
    public string? SniName => IPAddress.TryParse(ServerName, out _) ? null : ServerName;

    public CertificatePolicy Policy(bool strict) => new(Roots, ServerName, strict);

    /// <summary>Reads host/port/server_name/ca_file/source_address/timeout; null ca_file loading problems become diagnostics.</summary>
    public static TlsEndpoint Read(Modules.ArgReader r, string portName = "port", int? defaultPort = null, int timeoutSeconds = ProbeArgs.DefaultTimeoutSeconds)
    {
        var host = r.Required("host");
        var port = ProbeArgs.ReadPort(r, portName, defaultPort);
        var serverName = r.Str("server_name") ?? host;
        var caFile = ProbeArgs.ReadCaFile(r);
        X509Certificate2Collection? roots = null;
        if (caFile is not null)
        {
            try { roots = CertificateCheck.LoadRoots(caFile); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                r.Diagnostics.Add(r.Args.Get("ca_file")!.Span, $"cannot read CA certificate '{caFile}': {ex.Message}", "point ca_file at a PEM file on the controller");
            }
        }
        return new TlsEndpoint(host, port, serverName, roots, caFile, ProbeArgs.ReadSource(r), ProbeArgs.ReadTimeout(r, timeoutSeconds));
    }

    public static SecureSocketOptions Options(string tls) => tls switch
    {
        "implicit" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
