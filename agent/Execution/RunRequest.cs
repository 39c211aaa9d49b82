namespace Provisioner.Execution;

/// <summary>One invocation: which playbook, inventory and extra variables, and how to run.</summary>
public sealed record RunRequest(
    string PlaybookPath,
    string? InventoryPath,
    IReadOnlyList<string> VarsFiles,
    IReadOnlyList<string> ExtraVars,
    RunOptions Options);
