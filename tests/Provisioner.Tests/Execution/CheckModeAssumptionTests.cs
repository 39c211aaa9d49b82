using Provisioner.Execution;
using Provisioner.Transport;

namespace Provisioner.Tests.Execution;

/// <summary>
/// Check mode after a planned change: only what fails because that change has not happened yet becomes
/// "would change (assumes …)"; every other error is reported as an error.
/// </summary>
public sealed class CheckModeAssumptionTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private async Task<IReadOnlyList<TaskResult>> Check(string tasks)
    {
        var result = await _run.RunAsync($$"""
            - name: check
              hosts: all
              stages:
                - name: only
                  tasks:
                    - name: a planned change
                      copy: { dest: ROOT/planned.conf, content: "a\n" }
            {{tasks}}
            """, new RunOptions { Check = true });
        return result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks;
    }

    [Fact]
    public async Task A_template_that_does_not_render_is_an_error_not_an_assumption()
    {
        // Validation renders with facts unknown (the branch is not taken); the run knows them.
        File.WriteAllText(_run.PathOf("t.liquid"), "{% if facts.user %}{{ nowhere_defined }}{% endif %}\n");
        var tasks = await Check("""
                    - name: a template that does not render on this host
                      template: { src: ROOT/t.liquid, dest: ROOT/t.conf }
            """);
        tasks[1].Status.ShouldBe(RunStatus.Failed);
        tasks[1].Message.ShouldNotBeNull().ShouldContain("nowhere_defined");
        tasks[1].Assumes.ShouldBeNull();
    }

    [Fact]
    public async Task A_blocked_plan_is_an_error_not_an_assumption()
    {
        var tasks = await Check("""
                    - name: attributes of a file nothing creates
                      file: { path: ROOT/never-made, mode: "0600" }
            """);
        tasks[1].Status.ShouldBe(RunStatus.Failed);
        tasks[1].Message.ShouldNotBeNull().ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_read_that_fails_because_a_planned_install_has_not_happened_is_an_assumption()
    {
        _run.Host.Answer = text =>
            text.Contains("dpkg-query", StringComparison.Ordinal) || text.Contains("rpm -q", StringComparison.Ordinal)
                ? new CommandResult(0, "i provision-fake -\nc provision-fake 1.2-1\n", "", TimeSpan.Zero)
            : text.Contains("set -- provision-fake\n#!/bin/sh\n# Reads a systemd unit", StringComparison.Ordinal)
                ? new CommandResult(0, "not-found\ninactive\n@@ presets\n", "", TimeSpan.Zero)
            : null;
        var tasks = await Check("""
                    - name: fake installed
                      package: { name: provision-fake }
                    - name: fake running
                      service: { name: provision-fake, state: started }
            """);
        tasks.Select(t => (t.Task, t.Status)).ShouldBe([("a planned change", RunStatus.Changed), ("fake installed", RunStatus.Changed), ("fake running", RunStatus.Changed)]);
        tasks[2].Assumes.ShouldBe("step 1.2 'fake installed' (package)");
        tasks[2].Changes.ShouldHaveSingleItem().Summary.ShouldBe("provision-fake active: inactive → active");
    }
}
