using Provisioner.Playbooks;
using Provisioner.Templating;

namespace Provisioner.Execution;

/// <summary>
/// <c>changed_when</c> and <c>failed_when</c>: a command's outcome as the user judges it, with the
/// task's registered result (rc, stdout, stderr) in scope as in Ansible — per loop item, that item's.
/// </summary>
public static class ResultConditions
{
    /// <summary>
    /// The condition's verdict; null when there is none (no condition, or check mode and the condition
    /// reads output that only running the command would give).
    /// </summary>
    /// <param name="registered">The result so far; null in check mode, where nothing ran.</param>
    public static (bool? Verdict, string? Error) Evaluate(string? expression, string keyword, TaskSpec task, Vars vars, IReadOnlyDictionary<string, object?>? registered)
    {
        if (expression is null) return (null, null);
        var scope = task.Register is not { } name ? vars : registered is null ? vars.Without(name) : vars.With(name, registered);
        var (value, error, undefined) = TemplateEngine.Condition(expression, scope);
        if (error is not null) return (null, $"{keyword}: {error}");
        if (undefined.Count == 0) return (value, null);
        return registered is null ? (null, null) : (null, $"{keyword}: undefined {string.Join(", ", undefined)}");
    }

    /// <summary>Why failed_when failed the task, with what the command said (the user's condition reads it).</summary>
    public static string Failure(string expression, string step, IReadOnlyDictionary<string, object?> registered)
    {
        var said = string.Join("; ", new[] { "stdout", "stderr" }.Select(k => registered.GetValueOrDefault(k) as string)
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        return $"failed_when ({expression}) holds after {step}: exit {registered.GetValueOrDefault("rc")}{(said.Length > 0 ? ": " + said : "")}";
    }
}
