namespace Provisioner.Modules;

/// <summary>
/// The versions the mail playbook's templates branch on (Dovecot 2.3 and 2.4 differ in syntax), brought
/// with the mail modules rather than known to the engine.
/// </summary>
public static class MailVersions
{
    public static readonly VersionFact Postfix = new("postfix", ["postfix"], "postconf", ["-h", "mail_version"]);

    public static readonly VersionFact Dovecot = new("dovecot", ["dovecot-core", "dovecot"], "dovecot", ["--version"]);
}
