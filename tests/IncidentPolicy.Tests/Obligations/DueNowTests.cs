using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>An obligation evaluated at exactly its deadline is overdue and reads "due now", not "late by 0 seconds".</summary>
public class DueNowTests
{
    [Fact]
    public void AtItsDeadline_AnObligationIsOverdue_AndReadsDueNow()
    {
        var incident = IncidentFixture.Raised("SEV-1");
        var acknowledge = incident.Policy.Evaluate(incident, IncidentFixture.At(5)).Obligations.Single(o => o.Key == "acknowledge");

        Assert.Equal(ObligationState.Overdue, acknowledge.State);
        Assert.Equal(Duration.Zero, acknowledge.LateBy);
        Assert.Equal("acknowledge  overdue  due 2026-05-29T04:07:00Z  due now", acknowledge.ToString());
    }

    [Fact]
    public void AfterItsDeadline_ItReadsLateBy()
    {
        var incident = IncidentFixture.Raised("SEV-1");
        var acknowledge = incident.Policy.Evaluate(incident, IncidentFixture.At(6)).Obligations.Single(o => o.Key == "acknowledge");

        Assert.Equal("acknowledge  overdue  due 2026-05-29T04:07:00Z  late by 1 minute", acknowledge.ToString());
    }

    [Theory]
    [InlineData(0, "due now")]
    [InlineData(1, "late by 1 second")]
    [InlineData(720, "late by 12 minutes")]
    public void LateText_SaysDueNowOnlyForZero(int seconds, string expected) =>
        Assert.Equal(expected, Obligation.LateText(Duration.FromSeconds(seconds)));
}
