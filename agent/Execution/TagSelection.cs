namespace Provisioner.Execution;

/// <summary>
/// Whether <c>--tags</c> and <c>--skip-tags</c> let a task run, as Ansible's evaluate_tags decides,
/// special tags included: <c>always</c> runs unless skipped by name, <c>never</c> runs only when one of
/// its other tags is asked for, <c>all</c> is every task but <c>never</c> ones (and is what no --tags
/// means), <c>tagged</c> and <c>untagged</c> are the tasks with and without tags.
/// </summary>
public static class TagSelection
{
    private static readonly string[] Untagged = ["untagged"];

    public static bool Runs(IReadOnlyList<string> taskTags, IReadOnlyList<string> only, IReadOnlyList<string> skip)
    {
        var tags = taskTags.Count == 0 ? Untagged : taskTags;
        var tagged = taskTags.Count > 0;
        if (only.Count == 0) only = ["all"];
        var runs = tags.Contains("always")
            || (only.Contains("all") && !tags.Contains("never"))
            || tags.Any(only.Contains)
            || (only.Contains("tagged") && tagged && !tags.Contains("never"));
        if (!runs || skip.Count == 0) return runs;
        if (skip.Contains("all")) return tags.Contains("always") && !skip.Contains("always");
        return !tags.Any(skip.Contains) && !(skip.Contains("tagged") && tagged);
    }
}
