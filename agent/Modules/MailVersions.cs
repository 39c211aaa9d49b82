using Provisioner.HostFacts;

namespace Provisioner.Modules;

/// <summary>
/// The versions the mail playbook's templates branch on (Dovecot 2.3 and 2.4 differ in syntax) and the
/// Postfix map types it chooses from, brought
/// with the mail modules rather than known to the engine.
/// </summary>
public static class MailVersions
{
    public static readonly VersionFact Postfix = new("postfix", ["postfix"], "postconf", ["-h", "mail_version"]);

    public static readonly VersionFact Dovecot = new("dovecot", ["dovecot-core", "dovecot"], "dovecot", ["--version"]);

    /// <summary>The lookup table types this Postfix supports (<c>postconf -m</c>): EL10's has no Berkeley DB (hash, btree).</summary>
    public static readonly ListFact PostfixMapTypes = new("postfix_map_types", "postconf", ["-m"]);
}
