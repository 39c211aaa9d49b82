using Provisioner.HostFacts;

namespace Provisioner.Modules;

/// <summary>
/// Every module the engine knows, listed explicitly (no reflection scanning): adding a module is one
/// line here. Aliases map the names users know from Ansible to the same implementation.
/// </summary>
public sealed class ModuleRegistry : IFactSources
{
    private readonly Dictionary<string, IModule> _byName = new(StringComparer.Ordinal);
    private readonly List<VersionFact> _versions = [];
    private readonly List<ListFact> _lists = [];

    public static ModuleRegistry Default { get; } = CreateDefault();

    public IEnumerable<string> Names => _byName.Keys.Order();

    public IModule? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The version facts the registered modules bring, read at connect.</summary>
    public IReadOnlyList<VersionFact> Versions => _versions;

    /// <summary>The list facts the registered modules bring, read at connect.</summary>
    public IReadOnlyList<ListFact> Lists => _lists;

    public ModuleRegistry Add(IModule module, params string[] aliases)
    {
        _byName.Add(module.Name, module);
        foreach (var a in aliases) _byName.Add(a, module);
        return this;
    }

    public ModuleRegistry AddFacts(params VersionFact[] versions)
    {
        _versions.AddRange(versions);
        return this;
    }

    public ModuleRegistry AddFacts(params ListFact[] lists)
    {
        _lists.AddRange(lists);
        return this;
    }

    private static ModuleRegistry CreateDefault() => new ModuleRegistry()
        .Add(new CopyModule())
        .Add(new FileModule())
        .Add(new TemplateModule())
        .Add(new CommandModule(), "shell")
        .Add(new ServiceModule(), "systemd")
        .Add(new PackageModule())
        .Add(new PackageModule("apt", "apt"))
        .Add(new PackageModule("dnf", "dnf"))
        .Add(new FirewalldModule())
        .Add(new LineInFileModule())
        .Add(new UserModule())
        .Add(new GroupModule())
        .Add(new PostconfModule())
        .Add(new CertbotModule())
        .AddFacts(MailVersions.Postfix, MailVersions.Dovecot)
        .AddFacts(MailVersions.PostfixMapTypes);
}
