using Provisioner.Modules;
using Provisioner.Modules.Packages;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class PackageModuleTests
{
    private readonly PackageModule _module = new();

    [Fact]
    public void Installs_only_missing_packages_with_apt_on_debian()
    {
        var args = Bind<PackageArgs>(_module, "name: [postfix, dovecot-core]");
        var state = PackageModule.Parse("i postfix 3.10.4-1\ni dovecot-core -\n");
        var script = Commands(_module.Plan(args, state)).Single();
        // apt-install.sh installs its arguments after the policy's path, text and marker: only the missing one.
        script.ShouldContain($"{Provisioner.Transport.ShellQuote.Quote(AptInstall.Marker)} dovecot-core\n");
        script.ShouldContain("env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install -- \"$@\"");
        script.ShouldContain(AptInstall.PolicyPath);
    }

    [Fact]
    public void Start_services_installs_without_the_policy_and_removal_never_uses_it()
    {
        var args = Bind<PackageArgs>(_module, "name: dovecot-core\nstart_services: true");
        Commands(_module.Plan(args, PackageModule.Parse("i dovecot-core -\n"))).ShouldBe([
            "env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install -- dovecot-core"]);
        var remove = Bind<PackageArgs>(_module, "name: postfix\nstate: absent");
        Commands(_module.Plan(remove, PackageModule.Parse("i postfix 3.10.4-1\n"))).Single().ShouldNotContain("policy-rc.d");
    }

    [Fact]
    public void Chooses_dnf_from_fedora_facts_and_removes()
    {
        var args = Bind<PackageArgs>(_module, "name: postfix\nstate: absent", FedoraFacts);
        args.Manager.ShouldBe("dnf");
        Commands(_module.Plan(args, PackageModule.Parse("i postfix 3.11.6-1.fc45\n"))).ShouldBe(["dnf -y -q remove postfix"]);
    }

    [Fact]
    public void Explicit_apt_alias_forces_apt_even_on_fedora()
    {
        var apt = new PackageModule("apt", "apt");
        Bind<PackageArgs>(apt, "name: swaks", FedoraFacts).Manager.ShouldBe("apt");
    }

    [Fact]
    public void Present_and_installed_plans_nothing()
    {
        var args = Bind<PackageArgs>(_module, "name: postfix");
        _module.Plan(args, PackageModule.Parse("i postfix 3.7.11-0+deb12u1\n")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Latest_upgrades_when_the_candidate_differs()
    {
        var args = Bind<PackageArgs>(_module, "name: postfix\nstate: latest");
        var plan = _module.Plan(args, PackageModule.Parse("i postfix 3.7.10\nc postfix 3.7.11\n"));
        Commands(plan).Single().ShouldContain($"{Provisioner.Transport.ShellQuote.Quote(AptInstall.Marker)} postfix\n");
        plan.Changes.Single().Summary.ShouldBe("package postfix: 3.7.10 → 3.7.11");
        _module.Plan(args, PackageModule.Parse("i postfix 3.7.11\nc postfix 3.7.11\n")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Option_like_names_are_refused_at_bind()
    {
        BindErrors(_module, "name: ['-o', 'x y']").Count.ShouldBe(2);
    }

    [Fact]
    public void Read_command_quotes_names_and_queries_dpkg_once()
    {
        var args = Bind<PackageArgs>(_module, "name: [postfix]");
        var cmd = PackageModule.ReadCommand(args);
        cmd.ReadOnly.ShouldBeTrue();
        cmd.Render().ShouldStartWith("set -- apt present postfix\n");
        cmd.Render().ShouldContain("dpkg-query -W");
    }

    [Fact]
    public void A_missing_package_shows_the_version_an_install_would_bring()
    {
        var args = Bind<PackageArgs>(_module, "name: [dovecot-core, postfix]");
        var plan = _module.Plan(args, PackageModule.Parse("i dovecot-core -\nc dovecot-core 1:2.3.19.1+dfsg1-2.1+deb12u6\ni postfix 3.7.11-0+deb12u1\n"));
        plan.Changes.Single().Summary.ShouldBe("package dovecot-core: (absent) → 1:2.3.19.1+dfsg1-2.1+deb12u6");
        plan.Provides.ShouldBe([Provided.Package("dovecot-core", "1:2.3.19.1+dfsg1-2.1+deb12u6")]);
        PackageModule.ReadCommand(args).Render().ShouldContain("apt-cache policy");
        var dnf = PackageModule.ReadCommand(Bind<PackageArgs>(_module, "name: dovecot", FedoraFacts)).Render();
        dnf.ShouldStartWith("set -- dnf present dovecot\n");
        dnf.ShouldContain("dnf -q repoquery --latest-limit=1");
    }
}
