namespace Provisioner.Probes;

/// <summary>Every verification probe kind, listed explicitly.</summary>
public sealed class ProbeRegistry
{
    private readonly Dictionary<string, IProbe> _byName = new(StringComparer.Ordinal);

    public static ProbeRegistry Default { get; } = CreateDefault();

    public IEnumerable<string> Names => _byName.Keys.Order();

    public IProbe? Find(string name) => _byName.GetValueOrDefault(name);

    public ProbeRegistry Add(IProbe probe)
    {
        _byName.Add(probe.Name, probe);
        return this;
    }

    private static ProbeRegistry CreateDefault() => new ProbeRegistry()
        .Add(new TcpProbe())
        .Add(new CommandProbe())
        .Add(new TlsProbe())
        .Add(new SmtpProbe())
        .Add(new Pop3Probe())
        .Add(new MailProbe());
}
