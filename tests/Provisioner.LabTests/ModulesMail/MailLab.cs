using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesMail;

/// <summary>A freshly booted lab instance plus its inventory, and a way to apply an inline playbook to it.</summary>
public abstract class MailLabFixture(string name, string flavor = "trixie") : FreshLabFixture(name, flavor)
{
    /// <summary>Runs `provision VERB` on a playbook whose single play holds <paramref name="tasks"/> (YAML, indented 4).</summary>
    public async Task<CliRun> RunAsync(string verb, string tasks)
    {
        var playbook = Path.Combine(Path.GetTempPath(), $"mail-lab-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, "- hosts: all\n  tasks:\n" + tasks);
        try { return await ProvisionCli.RunAsync(verb, playbook, "-i", Inventory); }
        finally { File.Delete(playbook); }
    }
}

public sealed class PostfixLabFixture() : MailLabFixture("t-pf");
public sealed class CertbotLabFixture() : MailLabFixture("t-cb");
public sealed class DnfLabFixture() : MailLabFixture("t-dnf");
public sealed class Dnf5LabFixture() : MailLabFixture("t-dnf5", "forky");
