using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>What a running host's live line says: where it is (connecting, a stage) and, within a stage, the step.</summary>
public sealed record HostProgress(string Host, string Where, string? Step)
{
    public override string ToString() => Step is null ? $"{Host}  {Where}" : $"{Host}  {Where} · {Step}";
}

/// <summary>
/// The block of live lines at the bottom of a terminal, one per running host, in the order the hosts
/// started. Drawn without a final newline so the cursor stays on its last line; erased with
/// carriage return and clear-line, moving up a line for each further one. Lines are cut to the
/// terminal's width so none wraps (a wrapped line would leave a row behind when erased). Not
/// thread-safe: the reporter calls it under its gate.
/// </summary>
internal sealed class LiveLines(TextWriter output, SecretSet secrets, int width)
{
    private const string ClearLine = "\r\x1b[2K";
    private const string UpAndClear = "\x1b[1A\x1b[2K";

    private readonly List<HostProgress> _hosts = [];
    private int _shown;

    public HostProgress? Get(string host) => _hosts.Find(h => h.Host == host);

    public void Set(string host, HostProgress? progress)
    {
        var at = _hosts.FindIndex(h => h.Host == host);
        if (progress is null) { if (at >= 0) _hosts.RemoveAt(at); }
        else if (at >= 0) _hosts[at] = progress;
        else _hosts.Add(progress);
    }

    /// <summary>Erases what is drawn and forgets every host.</summary>
    public void Clear()
    {
        Erase();
        _hosts.Clear();
    }

    public void Erase()
    {
        if (_shown == 0) return;
        output.Write(ClearLine);
        for (var i = 1; i < _shown; i++) output.Write(UpAndClear);
        _shown = 0;
    }

    public void Draw()
    {
        if (_hosts.Count == 0) return;
        output.Write(string.Join('\n', _hosts.Select(h => Fit(Printable.Shown(secrets, h.ToString())))));
        output.Flush();
        _shown = _hosts.Count;
    }

    /// <summary>Masked and escaped first, then cut: a cut secret would no longer be recognised.</summary>
    private string Fit(string line) => line.Length < width ? line : line[..Math.Max(0, width - 2)] + "…";
}
