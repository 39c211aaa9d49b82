namespace Provisioner.HostFacts;

/// <summary>
/// A fact that is the words a program prints (one or more per line), brought by the modules of a
/// playbook that needs it, like a <see cref="VersionFact"/>: read at connect and again after a change
/// to packages by running <see cref="Program"/> with <see cref="Args"/> when the program exists, and
/// exposed to templates as the list <c>facts.NAME</c> (nil where the program is missing).
/// </summary>
public sealed record ListFact(string Name, string Program, IReadOnlyList<string> Args);
