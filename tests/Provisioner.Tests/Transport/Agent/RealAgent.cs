using System.Diagnostics;

namespace Provisioner.Tests.Transport.Agent;

/// <summary>
/// A real OpenSSH ssh-agent on a socket in its own temp directory (ssh-agent -D -a SOCKET), with
/// keys made by ssh-keygen. Stopped by its own process id. Shared by unit and lab tests (linked file).
/// </summary>
public sealed class RealAgent : IDisposable
{
    private readonly Process _agent;

    public string Directory { get; }
    public string Socket { get; }

    public RealAgent()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("provision-agent-").FullName;
        Socket = Path.Combine(Directory, "agent.sock");
        var psi = new ProcessStartInfo("ssh-agent") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-D", "-a", Socket }) psi.ArgumentList.Add(a);
        _agent = Process.Start(psi)!;
        var clock = Stopwatch.StartNew();
        // Listening, not just created: ssh-agent binds the socket (the file appears) before it listens,
        // and a client in between is refused.
        while (!Accepts(Socket))
        {
            if (_agent.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"ssh-agent did not create {Socket}: {_agent.StandardError.ReadToEnd()}");
            Thread.Sleep(20);
        }
    }

    private static bool Accepts(string socket)
    {
        if (!File.Exists(socket)) return false;
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            client.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>A new unencrypted key pair (ssh-keygen -t TYPE); returns the private key's path.</summary>
    public string NewKey(string name, string type = "ed25519")
    {
        var path = Path.Combine(Directory, name);
        Run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", path);
        return path;
    }

    /// <summary>ssh-add, with this agent's socket.</summary>
    public void Add(string keyPath) => Run("ssh-add", "-q", keyPath);

    public string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SSH_AUTH_SOCK"] = Socket;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: exit {p.ExitCode}: {stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        if (!_agent.HasExited) _agent.Kill();
        _agent.WaitForExit();
        _agent.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
