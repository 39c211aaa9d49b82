using Provisioner.Transport.Agent;
using Provisioner.Yaml;
using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>
/// The keys one host is offered, in order, as ssh would: each configured key file (its private part
/// from the agent when the agent holds it, so an encrypted file needs no passphrase), then the other
/// keys the agent holds unless IdentitiesOnly. Loaded once per run and disposed with the connection.
/// </summary>
internal sealed class Credentials : IDisposable
{
    private static readonly string[] Defaults = ["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519"];

    private readonly List<PrivateKeyFile> _files;

    private Credentials(IReadOnlyList<IPrivateKeySource> sources, List<PrivateKeyFile> files, string? agentSocket, int agentKeys)
    {
        Sources = sources;
        _files = files;
        AgentSocket = agentSocket;
        AgentKeys = agentKeys;
    }

    public IReadOnlyList<IPrivateKeySource> Sources { get; }
    public string? AgentSocket { get; }

    /// <summary>How many of the offered keys the agent holds.</summary>
    public int AgentKeys { get; }

    /// <summary>The key files offered (for messages: paths, never contents).</summary>
    public IReadOnlyList<string> FilePaths { get; private init; } = [];

    /// <summary>What was offered, for an authentication failure.</summary>
    public string Describe()
    {
        var parts = FilePaths.Select(p => "key " + p).ToList();
        if (AgentKeys > 0) parts.Add($"{AgentKeys} key{(AgentKeys == 1 ? "" : "s")} from the agent at {AgentSocket}");
        return string.Join(", ", parts);
    }

    public static (Credentials? Credentials, string? Error) Load(HostConnection c)
    {
        var socket = c.IdentityAgent == "none" ? null : c.IdentityAgent ?? SshAgentClient.FromEnvironment();
        var agent = socket is null ? null : new SshAgentClient(socket);
        IReadOnlyList<AgentIdentity> held = [];
        string? agentProblem = null;
        try
        {
            if (agent is not null) held = agent.ListIdentities();
        }
        catch (AgentException e)
        {
            agentProblem = e.Message;
        }

        var explicitKey = c.IdentityFile is not null;
        var candidates = c.IdentityFile is { } f ? [f] : c.IdentityFiles.Count > 0 ? c.IdentityFiles : Defaults.Select(HomePath.Expand).ToList();
        var offered = new List<AgentIdentity>();
        var files = new List<PrivateKeyFile>();
        var paths = new List<string>();
        var sources = new List<IPrivateKeySource>();
        string? fileProblem = null;
        foreach (var path in candidates)
        {
            var inAgent = PublicBlob(path) is { } pub ? held.Where(k => k.SameKey(pub)).ToList() : [];
            if (inAgent.Count > 0)
            {
                offered.AddRange(inAgent);
                sources.Add(new AgentKeySource(agent!, inAgent));
                continue;
            }
            if (!explicitKey && !File.Exists(path)) continue;
            var (key, source, error) = IdentityLoader.Load(c, path, [.. c.CertificateFiles, path + "-cert.pub"]);
            if (key is null || source is null)
            {
                if (explicitKey) return (null, error);
                fileProblem ??= error;
                continue;
            }
            files.Add(key);
            paths.Add(path);
            sources.Add(source);
        }
        if (!c.IdentitiesOnly && held.Except(offered).ToList() is { Count: > 0 } rest)
        {
            offered.AddRange(rest);
            sources.Add(new AgentKeySource(agent!, rest));
        }

        if (sources.Count == 0)
            return (null, fileProblem ?? NoKey(c, socket, agentProblem));
        return (new Credentials(sources, files, socket, offered.Count) { FilePaths = paths }, null);
    }

    private static string NoKey(HostConnection c, string? socket, string? agentProblem)
    {
        var files = c.IdentityFiles.Count > 0 ? $"none of the configured IdentityFiles ({string.Join(", ", c.IdentityFiles)}) exists" : "no identity_file set and no ~/.ssh/id_* key exists";
        var agent = agentProblem ?? (socket is null ? "no agent (SSH_AUTH_SOCK is not set)" : $"the agent at {socket} holds no key");
        return $"{c.Name}: no key to offer: {files}, and {agent}; set identity_file in the inventory, or start ssh-agent and ssh-add your key";
    }

    /// <summary>The public key from KEY.pub beside the key, to find the key in the agent; null when absent or unreadable.</summary>
    private static byte[]? PublicBlob(string keyPath) => PublicFileBlob(keyPath + ".pub");

    /// <summary>The blob of a file in OpenSSH's public key format (TYPE BASE64 [COMMENT]), such as KEY.pub or KEY-cert.pub; null when absent or unreadable.</summary>
    internal static byte[]? PublicFileBlob(string path)
    {
        try
        {
            if (InputFile.NotReadable(path) is not null) return null;
            var fields = File.ReadAllText(path).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
