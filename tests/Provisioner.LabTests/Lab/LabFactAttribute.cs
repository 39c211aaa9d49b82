using Xunit.Abstractions;
using Xunit.Sdk;

namespace Provisioner.LabTests.Lab;

/// <summary>
/// The lab flavor a test class boots. Its tests (those marked <see cref="LabFactAttribute"/>) report
/// themselves skipped, with the lab's reason, when the flavor cannot boot here, or with
/// <see cref="Skip"/> when they fail on it for a known reason that is not this branch's to fix.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LabFlavorAttribute(string flavor) : Attribute
{
    public string Flavor { get; } = flavor;

    /// <summary>A known failure on this flavor: the test is reported skipped with this reason.</summary>
    public string? Skip { get; set; }

    /// <summary>Why the tests of <paramref name="testClass"/> are skipped, or null when they run.</summary>
    public static string? SkipReason(Type testClass) =>
        testClass.GetCustomAttributes(typeof(LabFlavorAttribute), inherit: false) is [LabFlavorAttribute a, ..]
            ? LabFlavors.Unavailable(a.Flavor) is { } why ? $"{a.Flavor}: {why}" : a.Skip is { } known ? $"{a.Flavor}: {known}" : null
            : null;
}

/// <summary>A fact that runs on a lab host: skipped by name when its class's <see cref="LabFlavorAttribute"/> says so.</summary>
[XunitTestCaseDiscoverer("Provisioner.LabTests.Lab.LabFactDiscoverer", "Provisioner.LabTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabFactAttribute : FactAttribute;

public sealed class LabFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var reason = LabFlavorAttribute.SkipReason(testMethod.TestClass.Class.ToRuntimeType());
        return reason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}
