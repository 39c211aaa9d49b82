using Provisioner.Modules;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class ServiceModuleTests
{
    private readonly ServiceModule _module = new();
    private static readonly ServiceState Running = new(true, "active", "enabled");
    private static readonly ServiceState Stopped = new(true, "inactive", "disabled");

    [Fact]
    public void Starts_and_enables_a_stopped_unit()
    {
        var args = Bind<ServiceArgs>(_module, "name: postfix\nstate: started\nenabled: true");
        Commands(_module.Plan(args, Stopped)).ShouldBe(["systemctl start -- postfix", "systemctl enable -- postfix"]);
    }

    [Fact]
    public void Restarted_as_a_plain_task_only_ensures_running()
    {
        var args = Bind<ServiceArgs>(_module, "name: postfix\nstate: restarted");
        _module.Plan(args, Running).IsEmpty.ShouldBeTrue();
        Commands(_module.Plan(args, Stopped)).ShouldBe(["systemctl start -- postfix"]);
    }

    [Fact]
    public void Restarted_as_a_handler_restarts()
    {
        var args = Bind<ServiceArgs>(_module, "name: postfix\nstate: restarted", triggered: true);
        Commands(_module.Plan(args, Running)).ShouldBe(["systemctl restart -- postfix"]);
    }

    [Fact]
    public void Reloaded_handler_on_a_stopped_unit_starts_it()
    {
        var args = Bind<ServiceArgs>(_module, "name: dovecot\nstate: reloaded", triggered: true);
        Commands(_module.Plan(args, Stopped)).ShouldBe(["systemctl start -- dovecot"]);
    }

    [Fact]
    public void Missing_unit_fails_with_the_fix_and_names_what_is_missing()
    {
        var args = Bind<ServiceArgs>(_module, "name: postfix\nstate: started");
        var plan = _module.Plan(args, new ServiceState(false, "inactive", "disabled"));
        Commands(plan).Single().ShouldContain("install its package");
        plan.Blocked!.Missing.ShouldBe(Need.Unit("postfix"));
    }

    /// <summary>What check mode plans once the install that provides the unit has happened.</summary>
    private Plan? PlanAfterInstall(ServiceArgs args, ServiceState state) => _module.Plan(args, state).Blocked?.OnceProvided;

    [Fact]
    public void Parses_systemctl_output()
    {
        ServiceModule.Parse("loaded\nactive\nenabled\n").ShouldBe(Running);
        ServiceModule.Parse("not-found\ninactive\n").ShouldBe(new ServiceState(false, "inactive", "disabled"));
    }

    [Fact]
    public void Forecasts_a_unit_a_planned_install_provides_stopped_and_enabled_on_debian()
    {
        var missing = ServiceModule.Parse("not-found\ninactive\n@@ presets\n", "dovecot");
        var stopped = Bind<ServiceArgs>(_module, "name: dovecot\nstate: stopped\nenabled: true");
        PlanAfterInstall(stopped, missing)!.IsEmpty.ShouldBeTrue();
        var started = Bind<ServiceArgs>(_module, "name: dovecot\nstate: started\nenabled: true");
        Commands(PlanAfterInstall(started, missing)!).ShouldBe(["systemctl start -- dovecot"]);
        PlanAfterInstall(started, Running).ShouldBeNull(); // only units not installed yet
    }

    [Fact]
    public void Forecasts_fedora_units_from_the_hosts_presets()
    {
        const string Listing = """
            not-found
            inactive
            @@ presets
            ::file /usr/lib/systemd/system-preset/90-default.preset
            enable firewalld.service
            enable certbot-renew.timer
            ::file /usr/lib/systemd/system-preset/99-default-disable.preset
            disable *
            ::file /etc/systemd/system-preset/50-mail.preset
            # the admin's own
            enable dovecot.*
            """;
        var enable = Bind<ServiceArgs>(_module, "name: NAME\nenabled: true", FedoraFacts);
        Commands(PlanAfterInstall(enable with { Name = "postfix" }, ServiceModule.Parse(Listing, "postfix"))!).ShouldBe(["systemctl enable -- postfix"]);
        PlanAfterInstall(enable with { Name = "dovecot" }, ServiceModule.Parse(Listing, "dovecot"))!.IsEmpty.ShouldBeTrue();
        PlanAfterInstall(enable with { Name = "certbot-renew.timer" }, ServiceModule.Parse(Listing, "certbot-renew.timer"))!.IsEmpty.ShouldBeTrue();
    }
}
