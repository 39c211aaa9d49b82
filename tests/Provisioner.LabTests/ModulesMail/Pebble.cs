using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// A real ACME server for one lab host: Debian's <c>pebble</c> and its mock DNS <c>pebble-challtestsrv</c>,
/// started on the controller at the host-side address of the host's global NIC. The mock DNS answers
/// every A query with the host's global address (and no AAAA), so pebble's validator fetches each
/// HTTP-01 challenge from the host's port 80 through the host's firewall. Pebble's own API certificate
/// is signed by the lab CA, which the host is told to trust. Deterministic: no random validation delay,
/// no rejected nonces, no reused authorisations (each renewal is validated again).
/// </summary>
internal sealed class Pebble : IAsyncDisposable
{
    private readonly List<(Process Process, string Program)> _processes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("pebble-").FullName;
    private readonly LabHost _host;

    private Pebble(LabHost host) => _host = host;

    public string DirectoryUrl => $"https://{_host.HostPubAddress}:14000/dir";

    private string Management => $"https://{_host.HostPubAddress}:15000";

    public static async Task<Pebble> StartAsync(LabHost host)
    {
        foreach (var tool in new[] { "/usr/bin/pebble", "/usr/bin/pebble-challtestsrv" })
            File.Exists(tool).ShouldBeTrue($"{tool} is missing: apt-get install pebble (tests/run-all installs it)");
        var pebble = new Pebble(host);
        try
        {
            await pebble.StartProcessesAsync();
            return pebble;
        }
        catch
        {
            await pebble.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync()
    {
        var address = _host.HostPubAddress;
        var (cert, key) = ApiCertificate();
        await File.WriteAllTextAsync(Path.Combine(_dir, "cert.pem"), cert);
        await File.WriteAllTextAsync(Path.Combine(_dir, "key.pem"), key);
        await File.WriteAllTextAsync(Path.Combine(_dir, "pebble.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            pebble = new
            {
                listenAddress = $"{address}:14000", managementListenAddress = $"{address}:15000",
                certificate = Path.Combine(_dir, "cert.pem"), privateKey = Path.Combine(_dir, "key.pem"),
                httpPort = 80, tlsPort = 443, ocspResponderURL = "", externalAccountBindingRequired = false,
            },
        }));
        Start("pebble-challtestsrv", [], "-defaultIPv4", _host.PubAddress, "-defaultIPv6", "", "-dns01", $"{address}:8053",
            "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"{address}:8055");
        Start("pebble", [("PEBBLE_VA_NOSLEEP", "1"), ("PEBBLE_WFE_NONCEREJECT", "0"), ("PEBBLE_AUTHZREUSE", "0")],
            "-config", Path.Combine(_dir, "pebble.json"), "-dnsserver", $"{address}:8053");
        using var http = Client();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(DirectoryUrl)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (i < 50) { }
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is ({ } dead, var program))
                throw new InvalidOperationException($"{program} exited ({dead.ExitCode}): {await File.ReadAllTextAsync(Log(program))}");
            i.ShouldBeLessThan(50, $"pebble did not answer at {DirectoryUrl}: {await File.ReadAllTextAsync(Log("pebble"))}");
            await Task.Delay(200);
        }
    }

    /// <summary>Pebble's issuing root (made new at every start), as PEM.</summary>
    public async Task<string> RootPemAsync()
    {
        using var http = Client();
        return await http.GetStringAsync($"{Management}/roots/0");
    }

    /// <summary>What pebble logged (for a failure's message).</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => File.Exists(Log(p.Program)) ? File.ReadAllText(Log(p.Program)) : ""));

    private string Log(string program) => Path.Combine(_dir, Path.GetFileName(program) + ".log");

    private void Start(string program, (string Name, string Value)[] env, params string[] args)
    {
        // Through sh, so each process's output goes to its own file without a reader thread here.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$0\" \"$@\" >\"$LOG\" 2>&1");
        psi.ArgumentList.Add(program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LOG"] = Log(program);
        foreach (var (name, value) in env) psi.Environment[name] = value;
        _processes.Add((Process.Start(psi)!, program));
    }

    private HttpClient Client()
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(_host.CaFile));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                if (cert is null || chain is null) return false;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Pebble's own HTTPS certificate, for the host-side address, signed by the lab CA.</summary>
    private (string Cert, string Key) ApiCertificate()
    {
        using var ca = X509Certificate2.CreateFromPemFile(_host.CaFile, Path.Combine(Path.GetDirectoryName(_host.CaFile)!, "ca.key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=pebble", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Parse(_host.HostPubAddress));
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (p, _) in _processes)
        {
            // Each was started by this test, so it is ended by its own id.
            if (!p.HasExited) p.Kill();
            await p.WaitForExitAsync();
            p.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }
}
