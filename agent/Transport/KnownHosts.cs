using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Transport;

/// <summary>
/// An OpenSSH known_hosts file, read once per connection attempt. Plain, <c>[host]:port</c> and
/// hashed entries are understood; <c>@cert-authority</c> lines trust host certificates signed by their
/// key (see <see cref="HostCertificates"/>), never a plain key; <c>@revoked</c> keys are refused even
/// where another line trusts them.
/// </summary>
public sealed class KnownHosts
{
    // Several hosts connect in parallel and may all append; one writer at a time keeps lines whole.
    private static readonly Lock AppendLock = new();

    public string Path { get; }
    public IReadOnlyList<KnownHostsEntry> Entries { get; }

    private KnownHosts(string path, IReadOnlyList<KnownHostsEntry> entries) => (Path, Entries) = (path, entries);

    /// <summary>
    /// A missing file is an empty list: every host is then unknown, which is the safe reading. So is one
    /// that is no regular file or too large (a pipe would never end); <see cref="Problem"/> tells why.
    /// </summary>
    public static KnownHosts Load(string path)
    {
        var full = HomePath.Expand(path);
        if (!File.Exists(full) || Problem(full) is not null) return new KnownHosts(full, []);
        var entries = File.ReadAllLines(full)
            .Select((text, i) => KnownHostsEntry.Parse(text, i + 1))
            .OfType<KnownHostsEntry>()
            .ToList();
        return new KnownHosts(full, entries);
    }

    /// <summary>Why the file cannot be read as known_hosts, or null (also when it does not exist).</summary>
    public static string? Problem(string path) => InputFile.NotReadable(HomePath.Expand(path));

    public static KnownHosts Parse(string path, string content) =>
        new(path, content.Split('\n').Select((t, i) => KnownHostsEntry.Parse(t.TrimEnd('\r'), i + 1)).OfType<KnownHostsEntry>().ToList());

    /// <summary>The name ssh records: bare host on port 22, <c>[host]:port</c> elsewhere.</summary>
    public static string HostName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    public HostKeyVerdict Check(string host, int port, string keyType, byte[] keyBlob)
    {
        var name = HostName(host, port);
        var forHost = Entries.Where(e => e.Marker != KnownHostsMarker.CertAuthority && e.Matches(name)).ToList();

        if (forHost.Any(e => e.Marker == KnownHostsMarker.Revoked && e.SameKey(keyBlob))) return HostKeyVerdict.Revoked;
        var trusted = forHost.Where(e => e.Marker == KnownHostsMarker.None).ToList();
        if (trusted.Any(e => e.KeyType == keyType && e.SameKey(keyBlob))) return HostKeyVerdict.Known;
        if (trusted.Count == 0) return HostKeyVerdict.Unknown;

        // The host is known but not with this key. Even a key of another type counts as changed:
        // accepting it silently would let an attacker dodge the check by offering a different algorithm.
        var expected = trusted.FirstOrDefault(e => e.KeyType == keyType) ?? trusted[0];
        return HostKeyVerdict.Changed(expected);
    }

    /// <summary>The CA keys (<c>@cert-authority</c> lines) trusted to sign host certificates for the host.</summary>
    public IReadOnlyList<KnownHostsEntry> CertAuthorities(string host, int port)
    {
        var name = HostName(host, port);
        return Entries.Where(e => e.Marker == KnownHostsMarker.CertAuthority && e.Matches(name)).ToList();
    }

    /// <summary>True when the key is marked @revoked for the host (a CA key too).</summary>
    public bool IsRevoked(string host, int port, byte[] keyBlob)
    {
        var name = HostName(host, port);
        return Entries.Any(e => e.Marker == KnownHostsMarker.Revoked && e.Matches(name) && e.SameKey(keyBlob));
    }

    /// <summary>Key types already trusted for the host, so the client can prefer them in negotiation (as ssh does).</summary>
    public IReadOnlySet<string> KnownKeyTypes(string host, int port)
    {
        var name = HostName(host, port);
        return Entries.Where(e => e.Marker == KnownHostsMarker.None && e.Matches(name)).Select(e => e.KeyType).ToHashSet();
    }

    /// <summary>Appends a plain (unhashed) line, creating the file with mode 0600 and its directory with 0700.</summary>
    public KnownHosts Append(string host, int port, string keyType, byte[] keyBlob)
    {
        var line = $"{HostName(host, port)} {keyType} {Convert.ToBase64String(keyBlob)}";
        lock (AppendLock)
        {
            var dir = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var options = new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using var stream = new FileStream(Path, options);
            var needsNewline = stream.Length > 0 && LastByte(Path) != '\n';
            var bytes = Encoding.UTF8.GetBytes((needsNewline ? "\n" : "") + line + "\n");
            stream.Write(bytes);
        }
        var entry = KnownHostsEntry.Parse(line, File.ReadAllLines(Path).Length)!;
        return new KnownHosts(Path, [.. Entries, entry]);
    }

    private static int LastByte(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte();
    }
}
