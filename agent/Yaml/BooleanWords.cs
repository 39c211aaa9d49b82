namespace Provisioner.Yaml;

/// <summary>
/// Ansible's boolean words (convert_bool: y yes on 1 true t, n no off 0 false f; any case, blanks
/// around ignored), in one place so a module argument, a play keyword, an inventory setting,
/// ansible.cfg and an ANSIBLE_* switch all read 'become: y' alike. Anything else is no boolean: the
/// callers refuse it rather than take it for false as Ansible's config does.
/// </summary>
public static class BooleanWords
{
    public static bool? Read(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "y" or "yes" or "on" or "1" or "true" or "t" => true,
        "n" or "no" or "off" or "0" or "false" or "f" => false,
        _ => null,
    };
}
