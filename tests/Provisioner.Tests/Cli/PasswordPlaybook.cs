namespace Provisioner.Tests.CliTests;

/// <summary>A playbook that needs <c>db_password</c>, for tests of where secrets come from.</summary>
internal static class PasswordPlaybook
{
    public const string Text = """
        - name: uses a password
          hosts: all
          stages:
            - name: one
              tasks:
                - name: file
                  copy: { content: "{{ db_password }}", dest: /tmp/x }
        """;
}
