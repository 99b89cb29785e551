using IncidentPolicy.Tests.Architecture.Fixture.High;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Architecture;

/// <summary>The floors of docs/architecture.md, enforced over the compiled library.</summary>
public sealed class NamespaceFloorsTests(ITestOutputHelper output)
{
    /// <summary>docs/architecture.md, "Floors": bottom first. Keep the two in step.</summary>
    internal static readonly NamespaceFloors Library = new(
        ["IncidentPolicy.Primitives"],
        ["IncidentPolicy.Calendars"],
        ["IncidentPolicy.Severities", "IncidentPolicy.OnCall"],
        ["IncidentPolicy.Escalation"],
        ["IncidentPolicy.Runbooks", "IncidentPolicy.Changes"],
        ["IncidentPolicy"],
        ["IncidentPolicy.Lifecycle"],
        ["IncidentPolicy.Obligations"],
        ["IncidentPolicy.PostMortems"],
        ["IncidentPolicy.Metrics"],
        ["IncidentPolicy.Serialization"]);

    [Fact]
    public void Library_NoTypeReferencesItsOwnFloorOrAbove()
    {
        var violations = Library.Violations(typeof(ResponsePolicy).Assembly, "IncidentPolicy");
        foreach (var line in violations.Take(50))
        {
            output.WriteLine(line);
        }

        Assert.True(violations.Count == 0, $"{violations.Count} references break the floors:\n{string.Join("\n", violations.Take(50))}");
    }

    [Fact]
    public void Library_EveryNamespaceHasAFloor()
    {
        Assert.Empty(Library.Unplaced(typeof(ResponsePolicy).Assembly, "IncidentPolicy"));
        Assert.All(Library.Namespaces, n => Assert.Contains(typeof(ResponsePolicy).Assembly.GetTypes(), t => t.Namespace == n));
    }

    [Fact]
    public void Check_DeliberateViolations_AreEachReported()
    {
        // Fixture.Low refers upwards to Fixture.High in every way the check must see; Fixture.High refers down.
        var floors = new NamespaceFloors([Fixture.Low.Placement.Namespace], [typeof(Upper).Namespace!]);

        var violations = floors.Violations(typeof(NamespaceFloorsTests).Assembly, "IncidentPolicy.Tests.Architecture.Fixture");

        Assert.Contains(violations, v => v.Contains("LowWithField → " + typeof(Upper).FullName + " (field", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithSignature → " + typeof(Upper).FullName + " (parameter of", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithBody → " + typeof(Upper).FullName + " (body of Count calls Make", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithGeneric → " + typeof(Upper).FullName + " (local in Make (generic argument)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithLambda+<>c", StringComparison.Ordinal) && v.Contains(typeof(Upper).FullName!, StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithBase → " + typeof(UpperBase).FullName + " (base type)", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith(typeof(Upper).FullName!, StringComparison.Ordinal));
        Assert.Equal(6, violations.Select(v => v.Split(" → ")[0].Split('+')[0]).Distinct().Count());
    }

    [Fact]
    public void Check_SiblingsOnOneFloor_MayNotReferToEachOther()
    {
        var floors = new NamespaceFloors([Fixture.Low.Placement.Namespace, typeof(Upper).Namespace!]);

        var violations = floors.Violations(typeof(NamespaceFloorsTests).Assembly, "IncidentPolicy.Tests.Architecture.Fixture");

        Assert.Contains(violations, v => v.StartsWith(typeof(Upper).FullName!, StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LowWithField", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NamespaceWithoutAFloor_IsReported()
    {
        var floors = new NamespaceFloors([Fixture.Low.Placement.Namespace]);

        Assert.Equal([typeof(Upper).Namespace!], floors.Unplaced(typeof(NamespaceFloorsTests).Assembly, "IncidentPolicy.Tests.Architecture.Fixture"));
    }
}
