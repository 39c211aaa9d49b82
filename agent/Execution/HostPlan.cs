using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>Everything one host will run: how to reach it and, per play, the play and the host's variables for it.</summary>
public sealed record HostPlan(string Name, HostConnection Connection, IReadOnlyList<HostPlay> Plays);

public sealed record HostPlay(Play Play, Vars Vars);
