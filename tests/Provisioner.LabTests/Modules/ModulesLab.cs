using Provisioner.LabTests.Execution;

namespace Provisioner.LabTests.ModulesLab;

/// <summary>One host for the user and lineinfile tests, which touch different files: booted once, used in turn.</summary>
public sealed class UsersLabFixture() : FreshLabFixture("t-users");

[CollectionDefinition(Name)]
public sealed class UsersLab : ICollectionFixture<UsersLabFixture>
{
    public const string Name = "t-users";
}

public sealed class FirewallLabFixture() : FreshLabFixture("t-fw");
