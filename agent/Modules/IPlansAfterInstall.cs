namespace Provisioner.Modules;

/// <summary>
/// A module that can forecast, in check mode, what it would do once an earlier planned package
/// install has run — instead of failing to read something that package provides.
/// </summary>
public interface IPlansAfterInstall
{
    /// <summary>The plan against the state after the install, or null when this state cannot be forecast.</summary>
    Plan? PlanAfterInstall(object args, object? state);
}
