using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.PostMortems;

public sealed class PostMortemCheckTests
{
    private static readonly Instant Later = Instant.FromUtc(2026, 7, 1, 0, 0);

    private static ActionItem Item(string owner, LocalDate due) =>
        new("AI-1", "Add integration tests", owner, due, ActionItemStatus.Open, null, null);

    [Fact]
    public void Check_SeedPostMortem_NoFindings()
    {
        Assert.Empty(PostMortemTests.SeedPostMortem().Check(Later));
    }

    [Fact]
    public void Check_Sev1WithoutActionItems_NoActionItemsError()
    {
        var finding = Assert.Single(PostMortem.From(InPostMortem()).Check(Later));

        Assert.Equal(PostMortemFindingCode.NoActionItems, finding.Code);
        Assert.Equal(PostMortemFindingLevel.Error, finding.Level);
        Assert.Equal("SEV-1 requires a post-mortem with at least one action item, and this one has none.", finding.Reason);
    }

    [Fact]
    public void Check_Sev1WithAnActionItem_NoFindings()
    {
        Assert.Empty(PostMortem.From(ReadyToClose()).Check(Later));
    }

    [Fact]
    public void Check_SeverityWithoutPostMortemRule_NoFindings()
    {
        var incident = Raised("SEV-3").Then(new Acknowledge(), Alex, 5).Then(new Resolve("fixed"), Alex, 30);

        Assert.Empty(PostMortem.From(incident).Check(Later));
    }

    [Fact]
    public void Check_ActionItemWithoutOwner_Error()
    {
        var postMortem = PostMortem.From(InPostMortem()).WithActionItems([Item(" ", new LocalDate(2026, 6, 5))]);

        var finding = Assert.Single(postMortem.Check(Later));

        Assert.Equal(PostMortemFindingCode.ActionItemWithoutOwner, finding.Code);
        Assert.Equal("AI-1", finding.Subject);
        Assert.Equal("Action item AI-1 (\"Add integration tests\") has no owner; every action item needs one.", finding.Reason);
    }

    [Fact]
    public void Check_ActionItemWithoutDueDate_Error()
    {
        var postMortem = PostMortem.From(InPostMortem()).WithActionItems([Item("alex", default)]);

        var finding = Assert.Single(postMortem.Check(Later));

        Assert.Equal(PostMortemFindingCode.ActionItemWithoutDueDate, finding.Code);
        Assert.Equal("AI-1", finding.Subject);
    }

    [Fact]
    public void Check_ScheduledAfterTheWindow_ScheduledLateError()
    {
        var incident = Resolved().Then(new SchedulePostMortem(At(60 * 60)), Sarah, 45 + (49 * 60))
            .Then(new AddActionItem("AI-1", "Add tests", "alex", new LocalDate(2026, 6, 5)), Sarah, 45 + (49 * 60));

        var finding = Assert.Single(PostMortem.From(incident).Check(Later));

        Assert.Equal(PostMortemFindingCode.ScheduledLate, finding.Code);
        Assert.Equal(
            "The post-mortem was scheduled at 2026-05-31T05:47:00Z, 1 hour after the 48 hours window from resolution (2026-05-29T04:47:00Z) closed.",
            finding.Reason);
    }

    [Fact]
    public void Check_ScheduledExactlyAtTheWindow_NoScheduleFinding()
    {
        var incident = Resolved().Then(new SchedulePostMortem(At(60 * 60)), Sarah, 45 + (48 * 60));

        Assert.DoesNotContain(PostMortem.From(incident).Check(Later), f => f.Code == PostMortemFindingCode.ScheduledLate);
    }

    [Fact]
    public void Check_NotScheduledAndWindowPassed_NotScheduledError()
    {
        var postMortem = PostMortem.From(Resolved());
        var windowEnd = Resolved().ResolvedAt!.Value + Duration.FromHours(48);

        Assert.DoesNotContain(postMortem.Check(windowEnd - Duration.Epsilon), f => f.Code == PostMortemFindingCode.NotScheduled);
        Assert.Contains(postMortem.Check(windowEnd), f => f.Code == PostMortemFindingCode.NotScheduled);
    }

    [Fact]
    public void Check_RootCauseNamesParticipant_WarnsQuotingTheSentence()
    {
        var postMortem = PostMortem.From(ReadyToClose())
            .WithRootCause("The handler crashed on renewals.\nAlex deployed at 3:45 AM without a review. Alexander's tool is fine.");

        var finding = Assert.Single(postMortem.Check(Later));

        Assert.Equal(PostMortemFindingCode.NamesParticipant, finding.Code);
        Assert.Equal(PostMortemFindingLevel.Warning, finding.Level);
        Assert.Equal("rootCause", finding.Subject);
        Assert.Equal("Alex deployed at 3:45 AM without a review.", finding.Quote);
        Assert.Contains("\"Alex deployed at 3:45 AM without a review.\"", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ContributingFactorNamesCommanderDisplayName_Warns()
    {
        var postMortem = PostMortem.From(ReadyToClose()).WithCommander("Sarah K.")
            .WithContributingFactors(["No integration tests", "Sarah missed the status update"]);

        var finding = Assert.Single(postMortem.Check(Later));

        Assert.Equal("contributingFactors[1]", finding.Subject);
        Assert.Equal("Sarah missed the status update", finding.Quote);
    }

    [Fact]
    public void Check_MentionsTheAlertSource_NoWarning()
    {
        // The alert came from "monitoring", a system, not a person: "no post-deploy monitoring" blames nobody.
        var postMortem = PostMortem.From(ReadyToClose()).WithContributingFactors(["Deployment with no post-deploy monitoring"]);

        Assert.Empty(postMortem.Check(Later));
    }
}
