using Xunit.Abstractions;
using Xunit.Sdk;

namespace Provisioner.LabTests.Lab;

/// <summary>The place of a test in a class whose tests walk one host forward (<see cref="StepOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int step) : Attribute
{
    public int Step { get; } = step;
}

/// <summary>
/// Runs a class's tests by their <see cref="StepAttribute"/>, a theory's rows by their first
/// argument, and unnumbered tests last. The tests still bring the host to the state they need
/// themselves; the order only spares them redoing what an earlier test did.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string Name = "Provisioner.LabTests.Lab.StepOrderer";
    public const string Assembly = "Provisioner.LabTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => Step(c)).ThenBy(c => Row(c)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Step(ITestCase c) =>
        c.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault() is { } a
            ? a.GetConstructorArguments().OfType<int>().First()
            : int.MaxValue;

    private static int Row(ITestCase c) => c.TestMethodArguments is [int row, ..] ? row : 0;
}
