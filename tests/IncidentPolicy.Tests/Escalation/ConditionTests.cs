using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;
using NodaTime;
using static IncidentPolicy.Tests.Escalation.SeedFacts;

namespace IncidentPolicy.Tests.Escalation;

public class ConditionTests
{
    private static readonly Duration ThirtyMinutes = Duration.FromMinutes(30);

    [Fact]
    public void ElapsedSince_BeforeThreshold_DoesNotHold_AtThreshold_Holds()
    {
        var condition = Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes);
        Assert.False(condition.HoldsAt(Facts(), At(4, 31)));
        Assert.False(condition.HoldsAt(Facts(), At(4, 32) - Duration.Epsilon));
        Assert.True(condition.HoldsAt(Facts(), At(4, 32)));
        Assert.True(condition.HoldsAt(Facts(), At(9, 0)));
    }

    [Theory]
    [InlineData(ElapsedAnchor.Acknowledged)]
    [InlineData(ElapsedAnchor.Declared)]
    [InlineData(ElapsedAnchor.Resolved)]
    public void ElapsedSince_AnchorMissing_NeverHolds_NoChange(ElapsedAnchor anchor)
    {
        var condition = Condition.ElapsedSince(anchor, Duration.Zero);
        Assert.False(condition.HoldsAt(Facts(), At(23, 0)));
        Assert.Null(condition.NextChange(Facts(), Alert));
    }

    [Fact]
    public void ElapsedSince_EachAnchor_CountsFromItsInstant()
    {
        var facts = Resolved;
        Assert.Equal(At(4, 12), Condition.ElapsedSince(ElapsedAnchor.Alert, Duration.FromMinutes(10)).NextChange(facts, Alert));
        Assert.Equal(At(4, 17), Condition.ElapsedSince(ElapsedAnchor.Acknowledged, Duration.FromMinutes(10)).NextChange(facts, Alert));
        Assert.Equal(At(4, 22), Condition.ElapsedSince(ElapsedAnchor.Declared, Duration.FromMinutes(10)).NextChange(facts, Alert));
        Assert.Equal(At(4, 57), Condition.ElapsedSince(ElapsedAnchor.LastUpdate, Duration.FromMinutes(10)).NextChange(facts, Alert));
        Assert.Equal(At(4, 57), Condition.ElapsedSince(ElapsedAnchor.Resolved, Duration.FromMinutes(10)).NextChange(facts, Alert));
    }

    [Fact]
    public void ElapsedSince_LastUpdateWithoutUpdates_CountsFromAlert()
    {
        var condition = Condition.ElapsedSince(ElapsedAnchor.LastUpdate, ThirtyMinutes);
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), Alert));
        Assert.True(condition.HoldsAt(Facts(), At(4, 32)));
    }

    [Fact]
    public void ElapsedSince_Zero_HoldsFromTheAnchorOn()
    {
        var condition = Condition.ElapsedSince(ElapsedAnchor.Acknowledged, Duration.Zero);
        var facts = Facts(IncidentStatus.Acknowledged, acknowledged: At(4, 7));
        Assert.True(condition.HoldsAt(facts, At(4, 7)));
        Assert.False(condition.HoldsAt(facts, At(4, 6)));
        Assert.Equal(At(4, 7), condition.NextChange(facts, At(4, 6)));
    }

    [Fact]
    public void NextChange_ExactlyAtThreshold_IsNull_JustBefore_IsThreshold()
    {
        var condition = Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes);
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), At(4, 32) - Duration.Epsilon));
        Assert.Null(condition.NextChange(Facts(), At(4, 32)));
        Assert.Null(condition.NextChange(Facts(), At(5, 0)));
    }

    [Fact]
    public void NextChange_TimelessConditions_AreNull()
    {
        Condition[] timeless =
        [
            Condition.StatusIn(IncidentStatus.Triggered), Condition.SeverityAtLeast("SEV-2"),
            Condition.ImpactAbove("revenueLoss", 1), Condition.ImpactBelow("revenueLoss", 1), Condition.FlagRaised("x"),
        ];
        Assert.All(timeless, c => Assert.Null(c.NextChange(Mitigated, Alert)));
    }

    [Fact]
    public void Not_OfElapsed_ChangesFromHoldingToNot()
    {
        var condition = Condition.Not(Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes));
        Assert.True(condition.HoldsAt(Facts(), At(4, 31)));
        Assert.False(condition.HoldsAt(Facts(), At(4, 32)));
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), Alert));
    }

    [Fact]
    public void All_WithFalseTimelessPart_NeverChanges()
    {
        var condition = Condition.All(Condition.FlagRaised("checkoutDown"), Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes));
        Assert.Null(condition.NextChange(Facts(), Alert));
        Assert.Equal(At(4, 32), condition.NextChange(Facts(flags: ["checkoutDown"]), Alert));
    }

    [Fact]
    public void Any_AlreadyHolding_SkipsThresholdsThatChangeNothing()
    {
        var condition = Condition.Any(Condition.FlagRaised("checkoutDown"), Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes));
        Assert.Null(condition.NextChange(Facts(flags: ["checkoutDown"]), Alert));
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), Alert));
    }

    [Fact]
    public void All_TwoThresholds_ChangesAtTheLater()
    {
        var condition = Condition.All(
            Condition.ElapsedSince(ElapsedAnchor.Alert, Duration.FromMinutes(10)),
            Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes));
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), Alert));
    }

    [Fact]
    public void All_WindowBetweenThresholds_OpensThenCloses()
    {
        // Holds from 10 to 30 minutes after the alert.
        var condition = Condition.All(
            Condition.ElapsedSince(ElapsedAnchor.Alert, Duration.FromMinutes(10)),
            Condition.Not(Condition.ElapsedSince(ElapsedAnchor.Alert, ThirtyMinutes)));
        Assert.Equal(At(4, 12), condition.NextChange(Facts(), Alert));
        Assert.Equal(At(4, 32), condition.NextChange(Facts(), At(4, 12)));
        Assert.Null(condition.NextChange(Facts(), At(4, 32)));
    }

    [Theory]
    [InlineData(IncidentStatus.Triggered, true)]
    [InlineData(IncidentStatus.Mitigated, true)]
    [InlineData(IncidentStatus.Resolved, false)]
    public void StatusIn_BothWays(IncidentStatus status, bool expected) =>
        Assert.Equal(expected, Condition.StatusIn(IncidentStatus.Triggered, IncidentStatus.Mitigated).HoldsAt(Facts(status), Alert));

    [Theory]
    [InlineData("SEV-1", true)]
    [InlineData("SEV-2", true)]
    [InlineData("SEV-3", false)]
    [InlineData(null, false)]
    public void SeverityAtLeast_BothWays(string? severity, bool expected) =>
        Assert.Equal(expected, Condition.SeverityAtLeast("SEV-2").HoldsAt(Facts(severity: severity), Alert));

    [Fact]
    public void SeverityAtLeast_UnknownToTheScale_DoesNotHold() =>
        Assert.False(Condition.SeverityAtLeast("P1").HoldsAt(Facts(severity: "SEV-1"), Alert));

    [Theory]
    [InlineData(10001, true)]
    [InlineData(10000, false)]
    [InlineData(9999.99, false)]
    public void ImpactAbove_StrictlyAbove(double value, bool expected) =>
        Assert.Equal(expected, Condition.ImpactAbove("revenueLoss", 10000).HoldsAt(
            Facts(impacts: new Dictionary<string, decimal> { ["revenueLoss"] = (decimal)value }), Alert));

    [Theory]
    [InlineData(19.9, true)]
    [InlineData(20, false)]
    public void ImpactBelow_StrictlyBelow(double value, bool expected) =>
        Assert.Equal(expected, Condition.ImpactBelow("performanceDegradation", 20).HoldsAt(
            Facts(impacts: new Dictionary<string, decimal> { ["performanceDegradation"] = (decimal)value }), Alert));

    [Fact]
    public void Impact_MetricNeverRecorded_NeitherAboveNorBelow()
    {
        Assert.False(Condition.ImpactAbove("revenueLoss", -1).HoldsAt(Facts(), Alert));
        Assert.False(Condition.ImpactBelow("revenueLoss", 1).HoldsAt(Facts(), Alert));
    }

    [Fact]
    public void FlagRaised_BothWays()
    {
        Assert.True(Condition.FlagRaised("dataBreachSuspected").HoldsAt(Facts(flags: ["dataBreachSuspected"]), Alert));
        Assert.False(Condition.FlagRaised("dataBreachSuspected").HoldsAt(Facts(flags: ["restricted"]), Alert));
    }

    [Fact]
    public void AllAnyNot_BothWays()
    {
        var yes = Condition.FlagRaised("a");
        var no = Condition.FlagRaised("b");
        var facts = Facts(flags: ["a"]);
        Assert.True(Condition.All(yes, yes).HoldsAt(facts, Alert));
        Assert.False(Condition.All(yes, no).HoldsAt(facts, Alert));
        Assert.True(Condition.Any(no, yes).HoldsAt(facts, Alert));
        Assert.False(Condition.Any(no, no).HoldsAt(facts, Alert));
        Assert.True(Condition.Not(no).HoldsAt(facts, Alert));
        Assert.False(Condition.Not(yes).HoldsAt(facts, Alert));
    }

    [Fact]
    public void Describe_ReadsAsPlainEnglish()
    {
        Assert.Equal(
            "severity is SEV-2 or more severe and 30 minutes since the alert and status is one of triggered, acknowledged, investigating, mitigated",
            ResponsePolicy.Default.Escalation.Rules[0].When.Describe());
        Assert.Equal(
            "flag a is raised or (revenueLoss is above 10000 and status is not resolved)",
            Condition.Any(Condition.FlagRaised("a"), Condition.All(Condition.ImpactAbove("revenueLoss", 10000), Condition.Not(Condition.StatusIn(IncidentStatus.Resolved)))).Describe());
        Assert.Equal("at or after the acknowledgement", Condition.ElapsedSince(ElapsedAnchor.Acknowledged, Duration.Zero).Describe());
        Assert.Equal("1 hour 30 minutes since the last status update", Condition.ElapsedSince(ElapsedAnchor.LastUpdate, Duration.FromMinutes(90)).Describe());
        Assert.Equal("status is none of resolved, closed", Condition.Not(Condition.StatusIn(IncidentStatus.Resolved, IncidentStatus.Closed)).Describe());
        Assert.Equal("flag restricted is not raised", Condition.Not(Condition.FlagRaised("restricted")).Describe());
        Assert.Equal("performanceDegradation is not below 20", Condition.Not(Condition.ImpactBelow("performanceDegradation", 20)).Describe());
        Assert.Equal("not (flag a is raised or flag b is raised)", Condition.Not(Condition.Any(Condition.FlagRaised("a"), Condition.FlagRaised("b"))).Describe());
        Assert.Equal("paymentFailureRate is above 2.5", Condition.ImpactAbove("paymentFailureRate", 2.5m).ToString());
    }

    [Fact]
    public void Constructors_BadValues_ThrowWithRelativePaths()
    {
        AssertProblem("all", () => Condition.All());
        AssertProblem("any", () => Condition.Any([]));
        AssertProblem("elapsedSince.atLeast", () => Condition.ElapsedSince(ElapsedAnchor.Alert, Duration.FromMinutes(-5)), "must not be negative (got minus 5 minutes)");
        AssertProblem("elapsedSince.since", () => Condition.ElapsedSince((ElapsedAnchor)42, Duration.Zero));
        AssertProblem("statusIn", () => Condition.StatusIn());
        AssertProblem("statusIn[1]", () => Condition.StatusIn(IncidentStatus.Triggered, IncidentStatus.Triggered), "'triggered' is already listed at statusIn[0]");
        AssertProblem("severityAtLeast", () => Condition.SeverityAtLeast(" "));
        AssertProblem("impactAbove.metric", () => Condition.ImpactAbove("", 1));
        AssertProblem("impactBelow.metric", () => Condition.ImpactBelow("", 1));
        AssertProblem("flagRaised", () => Condition.FlagRaised(""));
        Assert.Throws<ArgumentNullException>(() => Condition.Not(null!));
        Assert.Throws<ArgumentNullException>(() => Condition.All(Condition.FlagRaised("a"), null!));
    }

    [Fact]
    public void IncidentFacts_SeverityOfAnotherScale_Rejected()
    {
        var foreign = new SeverityLevel("SEV-2", 7, "Other", "", [], ["x"],
            ResponseTarget.NextBusinessDay, ResponseTarget.NextBusinessDay);
        Assert.Throws<ArgumentException>(() => _ = new IncidentFacts(ResponsePolicy.Default.Severities, IncidentStatus.Triggered, Alert, foreign));
    }

    internal static void AssertProblem(string path, Action create, string? reason = null)
    {
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(create).Problems);
        Assert.Equal(path, problem.Path);
        if (reason is not null)
        {
            Assert.Equal(reason, problem.Reason);
        }
    }
}
