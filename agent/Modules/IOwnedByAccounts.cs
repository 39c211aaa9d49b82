namespace Provisioner.Modules;

/// <summary>
/// A module that sets a file's owner or group: names them, so a check-mode prediction for a file
/// owned by a user an earlier step will create says it assumes that step.
/// </summary>
public interface IOwnedByAccounts
{
    IReadOnlyList<string> Accounts(object args);

    static IReadOnlyList<string> Of(string? owner, string? group) => [.. new[] { owner, group }.OfType<string>()];
}
