using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>A parsed playbook: plays in file order. Paths inside are resolved against <see cref="BaseDirectory"/>.</summary>
public sealed record Playbook(string File, string BaseDirectory, IReadOnlyList<Play> Plays)
{
    /// <summary>The files import_tasks and import_stage read (full paths, each once), so a report is never written over one.</summary>
    public IReadOnlyList<string> ImportedFiles { get; init; } = [];
}

public sealed record Play(
    string Name,
    string Hosts,
    IReadOnlyList<VarsFileRef> VarsFiles,
    MapNode Vars,
    IReadOnlyList<Stage> Stages,
    bool? Become,
    SourceSpan Span)
{
    /// <summary>The play as written, so later checks (host pattern, rendering) can point at any key.</summary>
    public MapNode? Source { get; init; }

    /// <summary>The play's place in its playbook, from 1: with the stage, what names a stage journal.</summary>
    public int Number { get; init; } = 1;

    /// <summary>
    /// <c>required_vars</c>: variables every host must define (passwords have no safe default), each
    /// with the fix shown when one is missing.
    /// </summary>
    public IReadOnlyList<RequiredVar> RequiredVars { get; init; } = [];

    /// <summary>
    /// <c>defaults</c> and <c>defaults_files</c>: values the playbook offers for the inventory to
    /// override (Ansible's role defaults), below every inventory variable; <c>vars</c> and
    /// <c>vars_files</c> sit above the inventory, as in Ansible.
    /// </summary>
    public MapNode Defaults { get; init; } = MapNode.Empty(Span);

    public IReadOnlyList<VarsFileRef> DefaultsFiles { get; init; } = [];
}

/// <summary>A variable the play cannot run without, and where the user should define it.</summary>
public sealed record RequiredVar(string Name, string Fix, SourceSpan Span);

public sealed record VarsFileRef(string Path, SourceSpan Span);

/// <summary>What a stage does with packages it installed when it rolls back.</summary>
public enum RollbackPackages { Remove, Keep }

public sealed record Stage(
    string Name,
    int Number,
    IReadOnlyList<TaskSpec> Tasks,
    IReadOnlyList<TaskSpec> Handlers,
    IReadOnlyList<ProbeSpec> Verify,
    RollbackPackages RollbackPackages,
    SourceSpan Span);

/// <summary>
/// One task as written. <see cref="Args"/> is still unrendered (templates are rendered per host and
/// per loop item at run time); <see cref="Module"/> is the registered name the user's key resolved to.
/// </summary>
public sealed record TaskSpec(
    string Name,
    string Module,
    MapNode Args,
    string? When,
    Node? Loop,
    IReadOnlyList<string> Notify,
    string? Register,
    IReadOnlyList<string> Tags,
    string? ChangedWhen,
    string? FailedWhen,
    bool? Become,
    SourceSpan Span)
{
    /// <summary>The task as written, so per-host rendering can report at the exact key (when, loop, notify).</summary>
    public MapNode? Source { get; init; }

    /// <summary>
    /// <c>touches</c>: paths the task changes without naming them (newaliases writes aliases.db, a
    /// restarted daemon creates its sockets); journaled with the task so an undo restores them.
    /// </summary>
    public Node? Touches { get; init; }

    /// <summary>
    /// The vars layers this task alone sees, lowest first: its stage's, each import_tasks entry's that
    /// brought it in (outermost first), then its own <c>vars:</c> (see <c>ScopedVars</c>).
    /// </summary>
    public IReadOnlyList<MapNode> ScopeVars { get; init; } = [];

    /// <summary>The <c>when</c> of each import_tasks entry that brought the task in, outermost first.</summary>
    public IReadOnlyList<InheritedWhen> ImportedWhen { get; init; } = [];

    /// <summary>
    /// Every condition the task runs under, in the order they are evaluated: its imports', then its own.
    /// Kept apart rather than joined with 'and', which Liquid groups from the right: an import's
    /// <c>a or b</c> before a task's <c>c</c> would read as <c>a or (b and c)</c>. Read for every loop item
    /// of every task: a task without imports builds no list of them.
    /// </summary>
    public IReadOnlyList<string> Conditions => ImportedWhen.Count == 0
        ? (When is null ? [] : [When])
        : [.. ImportedWhen.Select(w => w.Expression), .. When is null ? [] : new[] { When }];
}

/// <summary>An import_tasks entry's condition, and where it is written (validate points there).</summary>
public sealed record InheritedWhen(string Expression, SourceSpan Span);

/// <summary>A verification probe: run after a stage's tasks and handlers; a failure rolls the stage back.</summary>
public sealed record ProbeSpec(
    string Name,
    string Kind,
    MapNode Args,
    string? When,
    Node? Loop,
    int Retries,
    TimeSpan Delay,
    SourceSpan Span)
{
    /// <summary>The probe as written, so per-host rendering can report at the exact key.</summary>
    public MapNode? Source { get; init; }

    /// <summary>Its stage's vars layers, lowest first (see <see cref="TaskSpec.ScopeVars"/>).</summary>
    public IReadOnlyList<MapNode> ScopeVars { get; init; } = [];
}
