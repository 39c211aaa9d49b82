using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Tests.ModuleTests;

/// <summary>Binds module arguments from YAML text, the way the engine does after rendering.</summary>
internal static class ModuleTestKit
{
    public static readonly Facts DebianFacts = new("debian", "13", "debian", "Debian GNU/Linux 13 (trixie)", "apt", 257, [], "disabled", "mail.lab1.test", "root");
    public static readonly Facts FedoraFacts = DebianFacts with { OsId = "fedora", OsVersion = "43", OsFamily = "redhat", PackageManager = "dnf", SelinuxMode = "enforcing" };

    public static TArgs Bind<TArgs>(IModule module, string yaml, Facts? facts = null, bool triggered = false, string baseDir = ".", Vars? vars = null)
    {
        var d = new Diagnostics();
        var node = (MapNode)YamlLoader.LoadText(yaml, "test.yml", d)!;
        var args = module.Bind(new ArgReader(node, d) { Facts = facts ?? DebianFacts, Triggered = triggered, BaseDirectory = baseDir, Vars = vars });
        d.Items.ShouldBeEmpty();
        return (TArgs)args!;
    }

    public static IReadOnlyList<Diagnostic> BindErrors(IModule module, string yaml)
    {
        var d = new Diagnostics();
        var node = (MapNode)YamlLoader.LoadText(yaml, "test.yml", d)!;
        module.Bind(new ArgReader(node, d) { Facts = DebianFacts });
        return d.Items;
    }

    /// <summary>The plan's steps as text; a blocked plan ends with "fail: why".</summary>
    public static IReadOnlyList<string> Commands(Plan plan) =>
    [
        .. plan.Steps.Select(s => s switch
        {
            CommandStep c => c.Command.Render(),
            UploadStep u => $"upload {u.Upload.Path} mode={u.Upload.Mode} owner={u.Upload.Owner} group={u.Upload.Group}",
            _ => s.Description,
        }),
        .. plan.Blocked is { } b ? [$"fail: {b.Reason}"] : Array.Empty<string>(),
    ];
}
