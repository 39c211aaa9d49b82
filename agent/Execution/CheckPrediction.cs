using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Templating;

namespace Provisioner.Execution;

/// <summary>
/// Check mode's verdict on one item's plan. A plan blocked by a requirement that an earlier planned
/// step provides is predicted against that step ("would change (assumes …)"); every other block is an
/// error. A change says which planned step it rests on: the install that brings a version it read,
/// else the step that provides what it requires.
/// </summary>
public sealed class CheckPrediction(PlanLedger ledger, TaskSpec task, Vars vars)
{
    public ItemOutcome Predict(Outcome outcome, IReadOnlyList<Need> requires, VersionFact? versionRead, Dictionary<string, object?> registered)
    {
        switch (outcome)
        {
            case Converged:
                return ItemOutcome.Unchanged(registered);
            case Blocked { Missing: { } need } b when ledger.ProviderOf(need) is { } step:
                return b.OnceProvided switch
                {
                    Converged => ItemOutcome.Unchanged(registered),
                    WillChange w => Judge(w, registered, step),
                    _ => ItemOutcome.Changing([new Change(task.Name, ChangeKind.State, null, $"would change (assumes: {step})")], [], registered, step),
                };
            case Blocked b:
                return ItemOutcome.Failed(vars.Secrets.Mask(b.Reason), registered);
            case WillChange w:
                var restsOn = (versionRead is null ? null : ledger.ProviderOf(Need.Package(versionRead.Name))) ?? ledger.NamedProviderOf(requires);
                return Judge(w, registered, restsOn);
            default:
                throw new InvalidOperationException($"unknown outcome {outcome.GetType().Name}");
        }
    }

    /// <summary>A change, unless changed_when or failed_when decide otherwise without the output nothing has produced yet.</summary>
    private ItemOutcome Judge(WillChange change, Dictionary<string, object?> registered, string? assumes)
    {
        var (failsAnyway, failedError) = ResultConditions.Evaluate(task.FailedWhen, "failed_when", task, vars, null);
        if (failedError is not null) return ItemOutcome.Failed(failedError, registered);
        if (failsAnyway == true) return ItemOutcome.Failed($"failed_when ({task.FailedWhen}) holds whatever the command does", registered);
        var (changes, changedError) = ResultConditions.Evaluate(task.ChangedWhen, "changed_when", task, vars, null);
        if (changedError is not null) return ItemOutcome.Failed(changedError, registered);
        if (changes == false) return ItemOutcome.Unchanged(registered);
        return ItemOutcome.Changing(change, registered, assumes);
    }
}
