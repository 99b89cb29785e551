using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.PostMortems;

public sealed class PostMortemTests
{
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default;

    /// <summary>The seed's incident from the sample timeline, scheduled and given the seed's four action items.</summary>
    internal static Incident SeedIncident()
    {
        var log = EventLogJson.Load(RepositoryRoot.File("samples", "timelines", "checkout-outage-2026-05-29.json"));
        var day = Instant.FromUtc(2026, 5, 29, 10, 0);
        IncidentEvent[] followUp =
        [
            new PostMortemScheduled(day, "sarah", Instant.FromUtc(2026, 5, 30, 15, 0)),
            new ActionItemAdded(day, "sarah", "AI-1", "Add integration tests for all webhook event types", "Alex", new LocalDate(2026, 6, 5)),
            new ActionItemAdded(day, "sarah", "AI-2", "Lower checkout error alert threshold to 2%", "Platform", new LocalDate(2026, 6, 2)),
            new ActionItemAdded(day, "sarah", "AI-3", "Block deployments between 12-6 AM without approval", "DevOps", new LocalDate(2026, 6, 5)),
            new ActionItemAdded(day, "sarah", "AI-4", "Add post-deploy smoke test for payment flows", "Alex", new LocalDate(2026, 6, 10)),
        ];
        return Incident.Replay(Policy, log.IncidentId!, [.. log.Events, .. followUp]);
    }

    /// <summary>The seed's post-mortem: facts from the log, authored parts copied from the seed.</summary>
    internal static PostMortem SeedPostMortem() => PostMortem.From(SeedIncident())
        .WithClock(PostMortemClock.TwelveHour)
        .WithTitle("Checkout Outage")
        .WithCommander("Sarah K.")
        .WithRootCause("""
            A deployment at 3:45 AM introduced a type error in the Stripe webhook
            handler. The handler crashed on subscription renewal events because
            the new code expected a `subscription` field that renewal events don't
            include.
            """)
        .WithContributingFactors([
            "No integration tests for webhook handler edge cases",
            "Deployment at 3:45 AM with no post-deploy monitoring",
            "Alert threshold too high (5%) — should have caught it at 2%",
        ])
        .WithLessonsLearned([
            "Webhook handlers need tests for every event type, not just the common ones",
            "Late-night deployments need automated verification, not manual monitoring",
            "Our alert threshold was set for \"something is very broken\" not \"something is starting to break\"",
        ]);

    internal static string ExpectedSeedMarkdown() =>
        File.ReadAllText(RepositoryRoot.File("tests", "IncidentPolicy.Tests", "PostMortems", "checkout-outage-2026-05-29.expected.md"))
            .Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void From_SeedTimeline_TakesTheFactsFromTheLog()
    {
        var postMortem = PostMortem.From(SeedIncident());

        Assert.Equal("Checkout Errors", postMortem.Title);
        Assert.Equal(new LocalDate(2026, 5, 29), postMortem.Date);
        Assert.Equal(Duration.FromMinutes(45), postMortem.Duration);
        Assert.Equal("SEV-1", postMortem.SeverityId);
        Assert.Equal("2,340 failed checkout attempts, estimated $47K lost revenue", postMortem.Impact);
        Assert.Equal("sarah", postMortem.Commander);
        Assert.Equal(["AI-1", "AI-2", "AI-3", "AI-4"], postMortem.ActionItems.Select(i => i.Id));
        Assert.Empty(postMortem.RootCause);
        Assert.Empty(postMortem.ContributingFactors);
        Assert.Empty(postMortem.LessonsLearned);
    }

    [Fact]
    public void Timeline_SeedTimeline_ReadsLikeTheSeed()
    {
        var timeline = PostMortem.From(SeedIncident()).Timeline;

        Assert.Equal(
        [
            "04:02 Alert fires (checkout error rate > 5%)",
            "04:07 On-call acknowledges, begins investigation",
            "04:12 IC assigned, incident channel created",
            "04:15 Status page updated",
            "04:18 Root cause identified (Stripe webhook endpoint returning 500)",
            "04:22 Hotfix deployed (bypass failing webhook handler)",
            "04:35 Error rate returns to normal",
            "04:47 Incident resolved, monitoring confirmed stable",
        ], timeline.Select(e => $"{e.LocalTime:HH:mm} {e.Text}"));
    }

    [Fact]
    public void Timeline_PolicyZone_ShowsLocalTime()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var policy = ResponsePolicy.Default.WithCalendar(new IncidentPolicy.Calendars.BusinessCalendar(
            zone, ResponsePolicy.Default.Calendar.WorkingDays, ResponsePolicy.Default.Calendar.Hours));
        var incident = IncidentFixture.Resolved();
        incident = Incident.Replay(policy, incident.Id, incident.Events);

        var postMortem = PostMortem.From(incident);

        Assert.Equal(new LocalTime(0, 2), postMortem.Timeline[0].LocalTime);
        Assert.Equal(new LocalDate(2026, 5, 29), postMortem.Date);
        Assert.Contains("**Duration**: 45 minutes (00:02 - 00:47 EDT)\n", postMortem.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_DeclaredWithoutCommander_NamesTheSeverity()
    {
        var timeline = PostMortem.From(IncidentFixture.Investigating()).Timeline;

        Assert.Equal("Incident declared (SEV-1)", timeline[^1].Text);
    }

    [Fact]
    public void Timeline_ResolveWithoutIncidentResolvedPrefix_AddsIt()
    {
        var timeline = PostMortem.From(IncidentFixture.Resolved()).Timeline;

        Assert.Equal("Incident resolved, monitoring confirmed stable", timeline[^1].Text);
        Assert.Equal("Hotfix deployed", timeline[^2].Text);
    }

    [Fact]
    public void Render_SeedPostMortem_ReproducesTheSeed()
    {
        Assert.Equal(ExpectedSeedMarkdown(), SeedPostMortem().ToMarkdown());
    }

    [Fact]
    public void Readme_PostMortemExample_IsTheRenderedSeed()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("<!-- postmortem-example -->\n```markdown\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no post-mortem example");
        start = readme.IndexOf('\n', readme.IndexOf("```markdown", start, StringComparison.Ordinal)) + 1;
        var end = readme.IndexOf("\n```\n", start, StringComparison.Ordinal) + 1;

        Assert.Equal(SeedPostMortem().ToMarkdown(), readme[start..end]);
    }

    [Fact]
    public void Render_SameInput_SameText()
    {
        Assert.Equal(SeedPostMortem().ToMarkdown(), SeedPostMortem().ToMarkdown());
    }

    [Fact]
    public void Render_Unresolved_SaysOngoing()
    {
        var markdown = PostMortem.From(IncidentFixture.WithCommander()).ToMarkdown();

        Assert.Contains("**Duration**: ongoing (since 04:02 UTC)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("**Impact**: not recorded\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ResolvedNextDay_AddsTheEndDate()
    {
        var incident = IncidentFixture.Mitigated().Then(new Resolve("stable"), IncidentFixture.Sarah, 60 * 21);

        Assert.Contains("**Duration**: 21 hours (04:02 - 01:02 May 30 UTC)\n", PostMortem.From(incident).ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DueMoreThanAYearOut_WritesTheYear()
    {
        var postMortem = PostMortem.From(IncidentFixture.Resolved())
            .WithActionItems([new ActionItem("AI-1", "Rewrite | split", "alex", new LocalDate(2027, 6, 1), ActionItemStatus.Open, null, null)]);

        Assert.Contains("| 1 | Rewrite \\| split | alex | Jun 1, 2027 |\n", postMortem.ToMarkdown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failedCheckouts", 1, null, "1 failed checkout attempt")]
    [InlineData("revenueLoss", 47000, "USD", "estimated $47K lost revenue")]
    [InlineData("revenueLoss", 12500, "EUR", "estimated €12.5K lost revenue")]
    [InlineData("revenueLoss", 1250000, "GBP", "estimated £1.3M lost revenue")]
    [InlineData("revenueLoss", 950, "CHF", "estimated 950 CHF lost revenue")]
    [InlineData("affectedUsers", 1200, null, "affectedUsers: 1,200")]
    [InlineData("p99Latency", 350.5, "ms", "p99Latency: 350.5 ms")]
    public void Impact_Metric_ReadsInWords(string metric, double value, string? unit, string expected)
    {
        var incident = IncidentFixture.Resolved().Then(new RecordImpact(metric, (decimal)value, unit), IncidentFixture.Sarah, 50);

        Assert.Equal(expected, PostMortem.From(incident).Impact);
    }

    [Fact]
    public void From_CommanderInPolicyPeople_ShowsTheirName()
    {
        var policy = ResponsePolicy.Default.WithPeople([.. ResponsePolicy.Default.People, new IncidentPolicy.OnCall.Person("sarah", "Sarah K.")]);
        var incident = IncidentFixture.Resolved();
        incident = Incident.Replay(policy, incident.Id, incident.Events);

        Assert.Equal("Sarah K.", PostMortem.From(incident).Commander);
    }

    [Fact]
    public void WithTitle_Blank_Throws()
    {
        var postMortem = PostMortem.From(IncidentFixture.Resolved());

        Assert.Throws<ArgumentException>(() => postMortem.WithTitle(" "));
    }

    [Fact]
    public void WithContributingFactors_MultiLineItem_IsJoinedOnOneLine()
    {
        var postMortem = PostMortem.From(IncidentFixture.Resolved()).WithContributingFactors(["first\nsecond", "  "]);

        Assert.Equal(["first second"], postMortem.ContributingFactors.ToArray());
    }
}
