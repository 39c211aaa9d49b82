using System.Text;
using MailKit;

namespace Provisioner.Probes;

/// <summary>
/// A MailKit protocol logger that keeps only what the server said (never the client's side, which
/// carries AUTH secrets). MailKit does not expose the SMTP greeting; this is how the probe reads it.
/// </summary>
internal sealed class ServerTranscript : IProtocolLogger
{
    private const int MaxChars = 64 * 1024;
    private readonly StringBuilder _server = new();

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public string ServerText => _server.ToString();

    /// <summary>The first reply (all its lines), e.g. "220 mail.example.jp ESMTP Postfix".</summary>
    public string? Greeting
    {
        get
        {
            var lines = new List<string>();
            foreach (var line in ServerText.Split("\r\n"))
            {
                lines.Add(line);
                if (line.Length < 4 || line[3] != '-') return line.Length == 0 && lines.Count == 1 ? null : string.Join(" / ", lines);
            }
            return null;
        }
    }

    public void LogConnect(Uri uri) { }

    public void LogClient(byte[] buffer, int offset, int count) { }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (_server.Length < MaxChars) _server.Append(Encoding.UTF8.GetString(buffer, offset, Math.Min(count, MaxChars - _server.Length)));
    }

    public void Dispose() { }
}
