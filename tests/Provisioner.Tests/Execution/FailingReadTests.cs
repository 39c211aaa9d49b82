using Provisioner.Execution;
using Provisioner.Transport;

namespace Provisioner.Tests.Execution;

/// <summary>A read that fails on the host fails its task with the host's own words, never reads as "absent".</summary>
public sealed class FailingReadTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private const string SudoRefuses = "sudo: a password is required";

    private async Task<TaskResult> CheckOneTask(string task, string readMarker)
    {
        _run.Host.Answer = text => text.Contains(readMarker, StringComparison.Ordinal) ? new CommandResult(1, "", SudoRefuses + "\n", TimeSpan.Zero) : null;
        var result = await _run.RunAsync($"""
            - name: one task
              hosts: all
              stages:
                - name: only
                  tasks:
                    - name: the task
                      {task}
            """, new RunOptions { Check = true });
        return result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_service_read_that_fails_is_not_a_unit_that_is_not_installed()
    {
        var task = await CheckOneTask("service: { name: postfix, state: started }", "set -- postfix\n#!/bin/sh\n# Reads a systemd unit");
        task.Status.ShouldBe(RunStatus.Failed);
        task.Message.ShouldNotBeNull().ShouldContain(SudoRefuses);
        task.Message.ShouldNotContain("not installed");
    }

    [Fact]
    public async Task A_group_read_that_fails_is_not_an_absent_group()
    {
        var task = await CheckOneTask("group: { name: provision-test-group }", "getent group");
        task.Status.ShouldBe(RunStatus.Failed);
        task.Message.ShouldNotBeNull().ShouldContain(SudoRefuses);
    }

    [Fact]
    public async Task A_creates_guard_that_cannot_be_read_does_not_run_the_command()
    {
        var task = await CheckOneTask($"command: {{ cmd: \"true\", creates: {_run.PathOf("made")} }}", "test -e");
        task.Status.ShouldBe(RunStatus.Failed);
        task.Message.ShouldNotBeNull().ShouldContain(SudoRefuses);
    }
}
