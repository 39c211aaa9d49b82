using System.Diagnostics;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// Runs one task on one host: when, loop, render, bind, Read → Plan → (Apply → re-Read → Plan must
/// be empty). Every failure becomes a Failed result with a message; nothing is thrown out of here.
/// </summary>
public sealed class TaskRunner(HostSession session)
{
    public async Task<TaskResult> RunAsync(TaskSpec task, string stage, bool handler, PendingChange? pendingChange, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TaskResult Result(RunStatus status, IReadOnlyList<Change> changes, string? message, string? assumes = null) =>
            new(session.Name, stage, task.Name, status, changes, message is null ? null : session.Vars.Secrets.Mask(message), clock.Elapsed, handler, assumes, task.Module);

        var module = session.Modules.Find(task.Module);
        if (module is null) return Result(RunStatus.Failed, [], $"unknown module '{task.Module}'");

        var items = ExpandLoop(task, out var loopError);
        if (loopError is not null) return Result(RunStatus.Failed, [], loopError);

        var changes = new List<Change>();
        var itemResults = new List<Dictionary<string, object?>>();
        var anyRan = false;
        var anyChanged = false;
        string? assumes = null;
        foreach (var item in items)
        {
            var vars = item is null ? session.Vars : session.Vars.With("item", item.Value);
            string? whenNeeds = null;
            if (task.When is not null)
            {
                var ((ok, err, undefined), reads) = TrackFactReads(() => TemplateEngine.Condition(task.When, vars));
                whenNeeds = FactsReader.SoftwareOf(reads);
                if (err is not null || undefined.Count > 0)
                    return Result(RunStatus.Failed, changes, err ?? $"when: undefined {string.Join(", ", undefined)}");
                if (!ok) continue;
            }
            anyRan = true;
            var outcome = await RunItemAsync(module, task, vars, handler, pendingChange, ct).ConfigureAwait(false);
            changes.AddRange(outcome.Changes);
            itemResults.Add(outcome.Registered);
            if (session.Options.Check && outcome.Changed) assumes = Assumption(outcome, pendingChange, whenNeeds) ?? assumes;
            if (outcome.Error is not null)
            {
                // In check mode a read that fails after an earlier planned change usually depends on it
                // (a package not yet installed provides the unit or directory): predict, don't fail.
                if (session.Options.Check && pendingChange is not null)
                {
                    assumes = pendingChange.LabelFor(outcome.Needs);
                    anyChanged = true;
                    changes.Add(new Change(task.Name, ChangeKind.State, null, "would change (assumes: " + assumes + ")"));
                    continue;
                }
                Register(task, itemResults, anyChanged, failed: true);
                return Result(RunStatus.Failed, changes, outcome.Error);
            }
            anyChanged |= outcome.Changed;
        }
        Register(task, itemResults, anyChanged, failed: false);
        if (!anyRan) return Result(RunStatus.Skipped, [], "condition false");
        return Result(anyChanged ? RunStatus.Changed : RunStatus.Ok, changes, null, assumes);
    }

    /// <summary>Which facts rendering read — only check mode's predictions use it.</summary>
    private (T Result, IReadOnlySet<string> Reads) TrackFactReads<T>(Func<T> render) =>
        session.Options.Check ? FactReads.Track(render) : (render(), NoReads);

    private static readonly IReadOnlySet<string> NoReads = new HashSet<string>();

    /// <summary>
    /// The earlier planned step a check-mode prediction rests on: the install that provides what the
    /// task reads (or whose version facts its arguments or condition read), else the step that
    /// creates the owner of its files; null when the prediction stands on the host as it is.
    /// </summary>
    private static string? Assumption(ItemOutcome outcome, PendingChange? pending, string? whenNeeds)
    {
        if (pending is null) return null;
        if (pending.PackageInstall && (outcome.AssumesInstall || whenNeeds is not null)) return pending.LabelFor(outcome.Needs ?? whenNeeds);
        return pending.LabelForAccounts(outcome.Accounts);
    }

    /// <param name="AssumesInstall">Check mode: the prediction rests on a planned package install (planned
    /// against the state it will leave, or read a fact it will change).</param>
    /// <param name="Needs">The package the task's subject comes from, as far as the module or the facts read tell.</param>
    /// <param name="Accounts">The users and groups the task's files are to be owned by.</param>
    private sealed record ItemOutcome(bool Changed, IReadOnlyList<Change> Changes, string? Error, Dictionary<string, object?> Registered, bool AssumesInstall = false, string? Needs = null, IReadOnlyList<string>? Accounts = null)
    {
        public IReadOnlyList<string> Accounts { get; init; } = Accounts ?? [];
    }

    private async Task<ItemOutcome> RunItemAsync(IModule module, TaskSpec task, Vars vars, bool handler, PendingChange? pending, CancellationToken ct)
    {
        var registered = new Dictionary<string, object?> { ["changed"] = false, ["failed"] = false };
        string? needs = null;
        ItemOutcome Fail(string error) { registered["failed"] = true; registered["msg"] = vars.Secrets.Mask(error); return new(false, [], error, registered, Needs: needs); }

        var diagnostics = new Diagnostics();
        MapNode rendered = null!;
        ArgReader Reader(bool triggered) => new(rendered, diagnostics) { BaseDirectory = session.BaseDirectory, Vars = vars, Triggered = triggered, Facts = session.Facts };
        // Which facts the arguments and templates read: a prediction that reads the version of
        // something a planned install provides assumes that install (check mode says so).
        var (args, reads) = TrackFactReads(() =>
        {
            rendered = (MapNode)NodeRenderer.Render(task.Args, vars, diagnostics);
            return diagnostics.HasErrors ? null : module.Bind(Reader(handler));
        });
        if (args is null) return Fail(string.Join("; ", diagnostics.Items.Select(d => d.ToString())));
        var readsSoftware = FactsReader.SoftwareOf(reads);
        needs = (module as IProvidedByPackage)?.Package(args) ?? readsSoftware;

        var host = new HostContext(session.Remote, session.Facts, task.Become ?? session.Become);
        try
        {
            var state = await module.ReadAsync(args, host, ct).ConfigureAwait(false);
            var plan = module.Plan(args, state);
            // What a planned install will provide is not on the host yet: forecast, where the module can.
            if (session.Options.Check && pending is { PackageInstall: true } && module is IPlansAfterInstall forecaster
                && plan.Steps.OfType<FailStep>().Any() && forecaster.PlanAfterInstall(args, state) is { } forecast)
            {
                registered["changed"] = !forecast.IsEmpty;
                return new(!forecast.IsEmpty, forecast.Changes, null, registered, AssumesInstall: true, Needs: needs);
            }
            if (plan.IsEmpty) return new(false, [], null, registered);
            if (plan.Steps.OfType<FailStep>().FirstOrDefault() is { } failStep) return Fail(failStep.Message);
            if (session.Options.Check)
            {
                // Conditions that need no output decide already; those that read it wait for a run.
                var (failsAnyway, failedError) = ResultConditions.Evaluate(task.FailedWhen, "failed_when", task, vars, null);
                if (failedError is not null) return Fail(failedError);
                if (failsAnyway == true) return Fail($"failed_when ({task.FailedWhen}) holds whatever the command does");
                var (changes, changedError) = ResultConditions.Evaluate(task.ChangedWhen, "changed_when", task, vars, null);
                if (changedError is not null) return Fail(changedError);
                if (changes == false) return new(false, [], null, registered);
                registered["changed"] = true;
                return new(true, plan.Changes, null, registered, AssumesInstall: readsSoftware is not null && pending is { PackageInstall: true }, Needs: needs,
                    Accounts: (module as IOwnedByAccounts)?.Accounts(args));
            }

            if (session.Journal is { } journal)
            {
                var touches = TaskTouches.Render(task, vars, diagnostics);
                if (diagnostics.HasErrors) return Fail(string.Join("; ", diagnostics.Items.Select(d => d.ToString())));
                if (await journal.BeginTaskAsync([.. module.Journal(args, state), .. touches], ct).ConfigureAwait(false) is { } journalError)
                    return Fail(journalError);
            }
            var judged = task.FailedWhen is not null;
            var lastStep = "";
            foreach (var step in plan.Steps)
            {
                var result = await ExecuteAsync(step, host, ct).ConfigureAwait(false);
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
            if (changed == false) return new(false, [], null, registered);
            registered["changed"] = true;

            if (module.Converges(args) && !judged)
            {
                // Re-read with a non-triggered binding: a restart asked for by a handler is done once.
                var verifyArgs = handler ? module.Bind(Reader(false)) ?? args : args;
                var after = module.Plan(verifyArgs, await module.ReadAsync(verifyArgs, host, ct).ConfigureAwait(false));
                if (!after.IsEmpty)
                    return Fail("did not converge: after applying, a second plan still wants: " + string.Join("; ", after.Steps.Select(s => s.Description)));
            }
            return new(true, plan.Changes, null, registered);
        }
        catch (RemoteReadException ex)
        {
            return Fail(ex.Message);
        }
    }

    private Task<CommandResult> ExecuteAsync(Step step, HostContext host, CancellationToken ct) => step switch
    {
        CommandStep c => host.RunAsync(c.Command, ct),
        UploadStep u => session.Remote.UploadAsync(u.Upload with { Become = host.Become }, ct),
        FailStep f => Task.FromResult(new CommandResult(1, "", f.Message, TimeSpan.Zero)),
        _ => throw new InvalidOperationException($"unknown step {step.GetType().Name}"),
    };

    private IReadOnlyList<LoopItem?> ExpandLoop(TaskSpec task, out string? error)
    {
        error = null;
        if (task.Loop is null) return [null];
        var diagnostics = new Diagnostics();
        var rendered = NodeRenderer.Render(task.Loop, session.Vars, diagnostics);
        if (diagnostics.HasErrors) { error = "loop: " + string.Join("; ", diagnostics.Items); return []; }
        if (rendered is not ListNode list) { error = $"{task.Loop.Span}: loop must be a list"; return []; }
        return list.Items.Select(i => (LoopItem?)new LoopItem(Vars.FromNode(i, session.Vars.Secrets))).ToList();
    }

    private sealed record LoopItem(object? Value);

    private void Register(TaskSpec task, List<Dictionary<string, object?>> items, bool changed, bool failed)
    {
        if (task.Register is null) return;
        var value = items.Count == 1 && task.Loop is null ? items[0] : new Dictionary<string, object?> { ["results"] = items.Cast<object?>().ToList() };
        value["changed"] = changed;
        value["failed"] = failed;
        session.Register(task.Register, value);
    }
}
