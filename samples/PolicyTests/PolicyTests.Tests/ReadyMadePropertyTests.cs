using FsCheck;
using FsCheck.Xunit;
using IncidentPolicy.Testing;

namespace PolicyTests.Tests;

/// <summary>Style 2: the package's ready-made invariants, one line each, over generated incident histories of our policy.</summary>
public class ReadyMadePropertyTests
{
    [Property(MaxTest = 200)]
    public Property CommanderAssignedBeforeResolve() => PolicyProperties.CommanderAssignedBeforeResolve(MyPolicy.Policy);

    [Property(MaxTest = 200)]
    public Property ObligationsAreDueNoEarlierThanTheirTrigger() => PolicyProperties.ObligationsAreDueNoEarlierThanTheirTrigger(MyPolicy.Policy);

    [Property(MaxTest = 200)]
    public Property NextWakeUpIsNeverInThePast() => PolicyProperties.NextWakeUpIsNeverInThePast(MyPolicy.Policy);

    [Property(MaxTest = 100)]
    public Property EscalationTerminates() => PolicyProperties.EscalationTerminates(MyPolicy.Policy);

    [Property(MaxTest = 200)]
    public Property RaisingSeverityKeepsPendingEscalations() => PolicyProperties.RaisingSeverityKeepsPendingEscalations(MyPolicy.Policy);

    [Property(MaxTest = 500)]
    public Property MoreSevereIsNoSlower() => PolicyProperties.MoreSevereIsNoSlower(MyPolicy.Policy);

    [Property(MaxTest = 50)]
    public Property RoundTripsThroughJson() => PolicyProperties.RoundTripsThroughJson(MyPolicy.Policy);
}
