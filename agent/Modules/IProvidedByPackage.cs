namespace Provisioner.Modules;

/// <summary>
/// A module whose subject comes from a package (a unit, postconf, certbot): names it, so a check-mode
/// prediction that rests on a planned install names the install that brings it.
/// </summary>
public interface IProvidedByPackage
{
    /// <summary>A package name or family prefix (dovecot for dovecot-core), or null when unknown.</summary>
    string? Package(object args);
}
