using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Severities;

public class SeverityScaleTests
{
    private static SeverityLevel Level(string id, int rank, int respondMinutes, int? firstUpdateMinutes = null) =>
        new(id, rank, id, "", [], ["on-call-engineer"],
            acknowledgementTarget: ResponseTarget.WallClock(Duration.FromMinutes(5)),
            responseTarget: ResponseTarget.WallClock(Duration.FromMinutes(respondMinutes)),
            statusUpdates: firstUpdateMinutes is { } m ? StatusUpdateRule.External(Duration.FromMinutes(m), null) : null);

    [Fact]
    public void Constructor_SortsByRank_AndFindsById()
    {
        var scale = new SeverityScale([Level("B", 2, 30), Level("C", 7, 60), Level("A", 1, 15)]);
        Assert.Equal(["A", "B", "C"], scale.Select(l => l.Id));
        Assert.Equal("A", scale.MostSevere.Id);
        Assert.Equal("C", scale.LeastSevere.Id);
        Assert.True(scale.TryGet("B", out var b));
        Assert.Equal(2, b.Rank);
        Assert.Null(scale.Find("b"));
        Assert.Equal("A, B, C", scale.ToString());
    }

    [Fact]
    public void Constructor_DuplicateIdAndRank_BothReported()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new SeverityScale([Level("A", 1, 15), Level("A", 2, 30), Level("B", 1, 30)]));
        Assert.Equal(
            [
                new PolicyProblem("[1].id", "severity id 'A' is already used by [0]"),
                new PolicyProblem("[2].rank", "rank 1 is already used by [0]"),
            ],
            ex.Problems);
    }

    [Fact]
    public void Constructor_Empty_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new SeverityScale([]));
        Assert.Equal("at least one severity level is required", Assert.Single(ex.Problems).Reason);
    }

    [Fact]
    public void Warnings_MoreSevereButSlower_Warned()
    {
        var scale = new SeverityScale([Level("SEV-1", 1, 60, firstUpdateMinutes: 45), Level("SEV-2", 2, 30, firstUpdateMinutes: 30)]);
        Assert.Equal(
            [
                new PolicyProblem("[0].respond", "SEV-1 allows 1 hour to respond, slower than SEV-2's 30 minutes; a more severe level is usually at least as fast"),
                new PolicyProblem("[0].statusUpdates.firstWithin", "SEV-1 allows 45 minutes to post the first status-page update, slower than SEV-2's 30 minutes; a more severe level is usually at least as fast"),
            ],
            scale.Warnings);
    }

    [Fact]
    public void Warnings_BusinessHoursForMoreSevere_WarnedByThePolicyForTheFirstSampleAlertItIsLater()
    {
        var sev1 = new SeverityLevel("SEV-1", 1, "x", "", [], ["on-call-engineer"],
            ResponseTarget.WallClock(Duration.FromMinutes(5)), ResponseTarget.BusinessHours(Duration.FromMinutes(10)));
        var scale = new SeverityScale([sev1, Level("SEV-2", 2, 30)]);
        Assert.Empty(scale.Warnings);

        var policy = new ResponsePolicy([new Role("on-call-engineer", "On-call engineer", "")], scale, IncidentPolicy.Calendars.BusinessCalendar.Default);
        Assert.Equal(
            new PolicyProblem(
                "$.severities[0].respond",
                "SEV-1 allows 10 minutes (business hours) to respond, slower than SEV-2's 30 minutes for an alert at 2026-03-23T00:00:00Z (Monday 2026-03-23 00:00 UTC); a more severe level is usually at least as fast"),
            Assert.Single(policy.Warnings, w => w.Reason.Contains("slower than", StringComparison.Ordinal)));
    }

    [Fact]
    public void Warnings_DefaultScale_None() => Assert.Empty(ResponsePolicy.Default.Severities.Warnings);
}
