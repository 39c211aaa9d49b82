using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Provisioner.Tests.Probes;

/// <summary>
/// A plain POP3 server on 127.0.0.1 over a shared list of raw messages, speaking what MailKit's
/// Pop3Client uses: CAPA, USER/PASS, STAT, TOP, RETR, DELE, QUIT. Deletions apply at QUIT, as in Dovecot.
/// </summary>
internal sealed class FakePop3Server : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _mailbox;
    private readonly (string User, string Password) _account;
    private readonly Task _loop;

    public FakePop3Server(List<string> mailbox, (string User, string Password) account)
    {
        (_mailbox, _account) = (mailbox, account);
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static string Message(string subject) => $"From: a@b.test\r\nTo: user@example.jp\r\nSubject: {subject}\r\n\r\nbody\r\n";

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        string? user = null;
        List<string> snapshot = [];
        var deleted = new HashSet<int>();
        try
        {
            await writer.WriteLineAsync("+OK Dovecot ready.");
            while (await reader.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                int Arg() => int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) - 1;
                switch (parts[0].ToUpperInvariant())
                {
                    case "CAPA": await writer.WriteAsync("+OK\r\nTOP\r\nUSER\r\nUIDL\r\n.\r\n"); break;
                    case "USER": user = parts[1]; await writer.WriteLineAsync("+OK"); break;
                    case "PASS" when user == _account.User && line[5..] == _account.Password:
                        lock (_mailbox) snapshot = [.. _mailbox];
                        await writer.WriteLineAsync("+OK Logged in.");
                        break;
                    case "PASS": await writer.WriteLineAsync("-ERR [AUTH] Authentication failed."); break;
                    case "STAT": await writer.WriteLineAsync($"+OK {snapshot.Count} {snapshot.Sum(m => m.Length)}"); break;
                    case "TOP": await Multiline(writer, snapshot[Arg()].Split("\r\n\r\n")[0] + "\r\n\r\n"); break;
                    case "RETR": await Multiline(writer, snapshot[Arg()]); break;
                    case "DELE": deleted.Add(Arg()); await writer.WriteLineAsync("+OK Marked to be deleted."); break;
                    case "QUIT":
                        lock (_mailbox) foreach (var i in deleted.OrderDescending()) _mailbox.Remove(snapshot[i]);
                        await writer.WriteLineAsync("+OK Logging out.");
                        return;
                    default: await writer.WriteLineAsync("-ERR Unknown command."); break;
                }
            }
        }
        catch (IOException) { }
    }

    private static async Task Multiline(StreamWriter writer, string text)
    {
        var stuffed = string.Join("\r\n", text.TrimEnd('\r', '\n').Split("\r\n").Select(l => l.StartsWith('.') ? "." + l : l));
        await writer.WriteAsync($"+OK\r\n{stuffed}\r\n.\r\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
