using System.Diagnostics;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using YamlDotNet.RepresentationModel;

namespace Provisioner.LabTests.Lab;

/// <summary>One host of the inventory printed by <c>tests/lab/lab inventory NAME</c>.</summary>
public sealed record LabHost(
    string Name,
    string Address,
    int Port,
    string User,
    string IdentityFile,
    string KnownHosts,
    int Index,
    string Flavor,
    string PubAddress,
    string LanAddress,
    string PubInterface,
    string LanInterface,
    string LanCidr,
    string HostPubAddress,
    string HostLanAddress,
    string BlockedClientAddress,
    string Fqdn,
    string Domain,
    string CaFile);

/// <summary>Result of one run of the lab script.</summary>
public sealed record LabRun(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// A booted lab instance (systemd-nspawn system container started by tests/lab/lab).
/// <see cref="Up"/> boots it (idempotent when it is already running), <see cref="Dispose"/> runs <c>lab down</c>.
/// </summary>
public sealed class LabInstance : IDisposable
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);
    private bool _down;

    private LabInstance(string name, LabHost host, IReadOnlyDictionary<string, string> meta)
    {
        Name = name;
        Host = host;
        Meta = meta;
    }

    public string Name { get; }
    public LabHost Host { get; }

    /// <summary>The instance's meta file (instances/NAME/meta) as read right after <c>up</c>.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    public int NspawnPid => int.Parse(Meta["pid"], System.Globalization.CultureInfo.InvariantCulture);
    public string PubVeth => Meta["veth_pub"];
    public string LanVeth => Meta["veth_lan"];

    public static string RepoRoot => RepoRootLazy.Value;
    public static string Script => Path.Combine(RepoRoot, "tests", "lab", "lab");
    public static string LabRoot => Environment.GetEnvironmentVariable("PROVISIONER_LAB_ROOT") ?? "/var/tmp/provisioner-lab";
    public static string KeysDir => Path.Combine(LabRoot, "keys");
    public static string RootEd25519Key => Path.Combine(KeysDir, "id_ed25519");
    public static string RootRsaKey => Path.Combine(KeysDir, "id_rsa");

    /// <summary>Boots (or finds running) instance <paramref name="name"/> and reads its inventory entry.</summary>
    public static async Task<LabInstance> UpAsync(string name, string flavor = "trixie")
    {
        await RunLabCheckedAsync(TimeSpan.FromMinutes(30), "up", name, "--flavor", flavor).ConfigureAwait(false);
        var inv = await RunLabCheckedAsync(TimeSpan.FromMinutes(1), "inventory", name).ConfigureAwait(false);
        var host = ParseInventory(inv.StdOut, name);
        return new LabInstance(name, host, ReadMeta(name));
    }

    public static LabInstance Up(string name, string flavor = "trixie") => UpAsync(name, flavor).GetAwaiter().GetResult();

    /// <summary>
    /// Whether <paramref name="pid"/> runs: an ended process its adopter has not reaped yet (a zombie) does
    /// not, as the lab script's <c>pid_alive</c> has it.
    /// </summary>
    public static bool ProcessRuns(int pid) => ProcessState(pid) is { } state && state != 'Z';

    /// <summary>The state letter of /proc/PID/stat (R, S, D, Z, ...), null when there is no such process.</summary>
    public static char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    /// <summary>Runs <c>lab down NAME</c> (idempotent).</summary>
    public LabRun Down()
    {
        _down = true;
        return RunLabCheckedAsync(TimeSpan.FromMinutes(2), "down", Name).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_down)
        {
            try
            {
                Down();
            }
            catch (InvalidOperationException)
            {
                // best effort: a failing down must not hide the test result
            }
        }
    }

    public static Dictionary<string, string> ReadMeta(string name)
    {
        var path = Path.Combine(LabRoot, "instances", name, "meta");
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var i = line.IndexOf('=', StringComparison.Ordinal);
            meta[line[..i]] = line[(i + 1)..];
        }

        return meta;
    }

    /// <summary>Parses the Ansible-shaped inventory YAML printed by <c>lab inventory</c>.</summary>
    public static LabHost ParseInventory(string yaml, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var all = (YamlMappingNode)root["all"];
        var lab = (YamlMappingNode)((YamlMappingNode)all["children"])["lab"];
        var h = (YamlMappingNode)((YamlMappingNode)lab["hosts"])[name];
        string S(string key) => ((YamlScalarNode)h[key]).Value ?? throw new InvalidOperationException($"inventory: {name}.{key} is empty");
        int I(string key) => int.Parse(S(key), System.Globalization.CultureInfo.InvariantCulture);
        return new LabHost(
            name, S("address"), I("port"), S("user"), S("identity_file"), S("known_hosts"), I("lab_index"),
            S("lab_flavor"), S("pub_address"), S("lan_address"), S("pub_interface"), S("lan_interface"),
            S("lan_cidr"), S("host_pub_address"), S("host_lan_address"), S("blocked_client_address"),
            S("fqdn"), S("domain"), S("ca_file"));
    }

    /// <summary>Opens an SSH session; the host key is checked against <paramref name="knownHosts"/> (default: the lab's).</summary>
    public LabSsh Ssh(string? address = null, string? user = null, string? identityFile = null, string? knownHosts = null) =>
        LabSsh.Connect(
            address ?? Host.Address,
            Host.Port,
            user ?? Host.User,
            identityFile ?? Host.IdentityFile,
            knownHosts ?? Host.KnownHosts);

    /// <summary>Runs a command as root over SSH on the pub address; fails unless it exits 0; returns trimmed stdout.</summary>
    public string Run(string command)
    {
        using var ssh = Ssh();
        return ssh.Run(command);
    }

    public static Task<LabRun> RunLabAsync(TimeSpan timeout, params string[] args) => RunScriptAsync(Script, timeout, args);

    /// <summary>Runs the lab script with these variables added to its environment.</summary>
    public static Task<LabRun> RunLabWithEnvAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> env, params string[] args) =>
        RunScriptAsync(Script, env, timeout, args);

    /// <summary>Runs one of the repository's scripts (stdin closed), collecting its output; kills it after <paramref name="timeout"/>.</summary>
    public static Task<LabRun> RunScriptAsync(string script, TimeSpan timeout, params string[] args) =>
        RunScriptAsync(script, new Dictionary<string, string>(), timeout, args);

    /// <summary>As <see cref="RunScriptAsync(string, TimeSpan, string[])"/>, with these variables added to its environment.</summary>
    public static async Task<LabRun> RunScriptAsync(string script, IReadOnlyDictionary<string, string> env, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in env)
        {
            psi.Environment[key] = value;
        }

        using var p = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        p.Start();
        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(script)} {string.Join(' ', args)} did not finish within {timeout}");
        }

        p.WaitForExit(); // flush the async readers
        lock (stdout)
        {
            lock (stderr)
            {
                return new LabRun(p.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    public static async Task<LabRun> RunLabCheckedAsync(TimeSpan timeout, params string[] args)
    {
        var run = await RunLabAsync(timeout, args).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"tests/lab/lab {string.Join(' ', args)} failed with exit {run.ExitCode}:\n{run.StdErr}\n{run.StdOut}");
        }

        return run;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Provisioner.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>Host-key verification against an OpenSSH known_hosts file (plain, unhashed entries).</summary>
public static class KnownHosts
{
    /// <summary>
    /// True when <paramref name="path"/> has an entry for <paramref name="host"/> (port 22: "host",
    /// other ports: "[host]:port") with key type <paramref name="keyType"/> and exactly this key blob.
    /// </summary>
    public static bool IsTrusted(string path, string host, int port, string keyType, byte[] keyBlob)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var wanted = port == 22 ? host : $"[{host}]:{port}";
        var blob = Convert.ToBase64String(keyBlob);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('@'))
            {
                continue; // markers (@revoked, @cert-authority) are never a reason to trust
            }

            var f = line.Split(' ', '\t').Where(s => s.Length > 0).ToArray();
            if (f.Length < 3 || !f[0].Split(',').Contains(wanted, StringComparer.Ordinal))
            {
                continue;
            }

            if (string.Equals(f[1], keyType, StringComparison.Ordinal) && string.Equals(f[2], blob, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An SSH.NET session whose host key was verified against a known_hosts file.</summary>
public sealed class LabSsh : IDisposable
{
    private readonly PrivateKeyFile _key;

    private LabSsh(SshClient client, PrivateKeyFile key)
    {
        Client = client;
        _key = key;
    }

    public SshClient Client { get; }

    public static LabSsh Connect(string address, int port, string user, string identityFile, string knownHosts,
        Action<HostKeyEventArgs, bool>? onHostKey = null)
    {
        var key = new PrivateKeyFile(identityFile);
        var info = new ConnectionInfo(address, port, user, new PrivateKeyAuthenticationMethod(user, key))
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
        // known_hosts here holds plain keys only: ask for the plain key even of a host that also has a certificate.
        foreach (var alg in info.HostKeyAlgorithms.Keys.Where(a => a.Contains("-cert-", StringComparison.Ordinal)).ToList())
        {
            info.HostKeyAlgorithms.Remove(alg);
        }

        var client = new SshClient(info);
        client.HostKeyReceived += (_, e) =>
        {
            var trusted = KnownHosts.IsTrusted(knownHosts, address, port, e.HostKeyName, e.HostKey);
            onHostKey?.Invoke(e, trusted);
            e.CanTrust = trusted;
        };
        try
        {
            client.Connect();
        }
        catch
        {
            client.Dispose();
            key.Dispose();
            throw;
        }

        return new LabSsh(client, key);
    }

    /// <summary>Runs <paramref name="command"/>; throws unless it exits 0; returns trimmed stdout.</summary>
    public string Run(string command)
    {
        using var cmd = Client.CreateCommand(command);
        cmd.CommandTimeout = TimeSpan.FromMinutes(5);
        var result = cmd.Execute();
        if (cmd.ExitStatus != 0)
        {
            throw new InvalidOperationException(
                $"'{command}' on {Client.ConnectionInfo.Host} exited {cmd.ExitStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}: {cmd.Error}{result}");
        }

        return result.Trim();
    }

    public void Dispose()
    {
        Client.Dispose();
        _key.Dispose();
    }
}
