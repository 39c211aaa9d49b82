using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// Carries out one item's change: journal what it will touch, run its steps, let changed_when and
/// failed_when judge a command, then read again — a plan that is still not empty did not converge.
/// </summary>
public sealed class ItemApply(HostSession session, IModule module, TaskSpec task, HostContext host, Dictionary<string, object?> registered)
{
    /// <param name="rebind">The arguments bound again as a plain task: a restart a handler asked for is done once, not again on the re-read.</param>
    public async Task<ItemOutcome> RunAsync(WillChange change, object args, Vars vars, Func<object?>? rebind, CancellationToken ct)
    {
        ItemOutcome Fail(string error) => ItemOutcome.Failed(vars.Secrets.Mask(error), registered);

        if (session.Journal is { } journal)
        {
            var diagnostics = new Diagnostics();
            var touches = TaskTouches.Render(task, vars, diagnostics);
            if (diagnostics.HasErrors) return Fail(string.Join("; ", diagnostics.Items.Select(d => d.ToString())));
            if (await journal.BeginTaskAsync([.. change.Effects.Undo, .. touches], module.Reach, ct).ConfigureAwait(false) is { } journalError)
                return Fail(journalError);
        }
        var judged = task.FailedWhen is not null;
        var lastStep = "";
        foreach (var step in change.Steps)
        {
            var result = await ExecuteAsync(step, ct).ConfigureAwait(false);
            registered["rc"] = (long?)result.ExitStatus;
            registered["stdout"] = result.Stdout;
            registered["stderr"] = result.Stderr;
            lastStep = step.Description;
            if (result.Ok) continue;
            // failed_when, not the exit status, says whether the command failed.
            if (!judged) return Fail($"{step.Description}: {result.Describe()}");
            break;
        }
        var (failed, failedWhenError) = ResultConditions.Evaluate(task.FailedWhen, "failed_when", task, vars, registered);
        if (failedWhenError is not null) return Fail(failedWhenError);
        if (failed == true) return Fail(ResultConditions.Failure(task.FailedWhen!, lastStep, registered));
        var (changed, changedWhenError) = ResultConditions.Evaluate(task.ChangedWhen, "changed_when", task, vars, registered);
        if (changedWhenError is not null) return Fail(changedWhenError);
        if (changed == false) return ItemOutcome.Unchanged(registered);

        if (module.Converges(args) && !judged)
        {
            var verifyArgs = rebind?.Invoke() ?? args;
            try
            {
                var after = module.Plan(verifyArgs, await module.ReadAsync(verifyArgs, host, ct).ConfigureAwait(false));
                if (NotConverged(after) is { } wants) return Fail("did not converge: after applying, a second plan still wants: " + wants);
            }
            catch (RemoteReadException ex)
            {
                return Fail($"could not read again after applying: {ex.Message}");
            }
        }
        return ItemOutcome.Changing(change, registered);
    }

    private static string? NotConverged(Outcome after) => after switch
    {
        Converged => null,
        Blocked b => b.Reason,
        WillChange w => string.Join("; ", w.Steps.Select(s => s.Description)),
        _ => after.GetType().Name,
    };

    private Task<CommandResult> ExecuteAsync(Step step, CancellationToken ct) => step switch
    {
        CommandStep c => host.RunAsync(c.Command, ct),
        UploadStep u => session.Remote.UploadAsync(u.Upload with { Become = host.Become }, ct),
        _ => throw new InvalidOperationException($"unknown step {step.GetType().Name}"),
    };
}
