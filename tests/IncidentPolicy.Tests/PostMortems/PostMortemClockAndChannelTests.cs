using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.PostMortems;

/// <summary>Post-mortems show times on the 24-hour clock unless the seed's 12-hour style is chosen, and say "incident
/// channel created" only when the log records the channel.</summary>
public class PostMortemClockAndChannelTests
{
    private static Incident DeclaredWithCommander() =>
        IncidentFixture.Acknowledged()
            .Then(new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, 10)
            .Then(new AssignCommander("sarah"), IncidentFixture.Alex, 10);

    [Fact]
    public void DeclaredWithCommander_WithoutARecordedChannel_DoesNotClaimOne()
    {
        var timeline = PostMortem.From(DeclaredWithCommander()).Timeline;

        Assert.Equal("IC assigned", timeline[^1].Text);
        Assert.DoesNotContain(timeline, e => e.Text.Contains("channel", StringComparison.Ordinal));
    }

    [Fact]
    public void DeclaredWithCommander_AndTheChannelRecordedThen_ReadsLikeTheSeed()
    {
        var incident = DeclaredWithCommander().Then(new RecordChannel("#inc-2026-05-29-checkout-errors"), IncidentFixture.Alex, 10);

        Assert.Equal("IC assigned, incident channel created", PostMortem.From(incident).Timeline[^1].Text);
    }

    [Fact]
    public void ChannelRecordedLater_HasAnEntryOfItsOwn()
    {
        var incident = IncidentFixture.Investigating().Then(new RecordChannel("#inc-2026-05-29-checkout-errors"), IncidentFixture.Alex, 12);
        var timeline = PostMortem.From(incident).Timeline;

        Assert.Equal("Incident declared (SEV-1)", timeline[^2].Text);
        Assert.Equal("Incident channel created", timeline[^1].Text);
        Assert.Equal(new LocalTime(4, 14), timeline[^1].LocalTime);
    }

    [Fact]
    public void RecordChannel_BecomesChannelCreated_WithTheName()
    {
        var result = IncidentFixture.Investigating().Try(new RecordChannel("#inc-2026-05-29-checkout-errors"), IncidentFixture.Alex, 12);

        var created = Assert.IsType<ChannelCreated>(result.Event);
        Assert.Equal("#inc-2026-05-29-checkout-errors", created.Channel);
        Assert.Equal("channelCreated", created.Type);
        Assert.Equal(CommandKind.RecordChannel, created.Kind);
    }

    [Fact]
    public void RecordChannel_Blank_IsRefused() =>
        IncidentFixture.Rejected(IncidentFixture.Investigating().Try(new RecordChannel(" "), IncidentFixture.Alex, 12), RejectionCode.InvalidCommand, RuleIds.TextRequired);

    [Fact]
    public void RecordChannel_AfterClosing_IsNotAllowed()
    {
        var closed = IncidentFixture.Closed();

        Assert.DoesNotContain(CommandKind.RecordChannel, closed.PermittedCommands);
        Assert.False(closed.Try(new RecordChannel("#inc"), IncidentFixture.Sarah, 2003).IsAccepted);
    }

    [Fact]
    public void Clock_IsTwentyFourHourByDefault()
    {
        var incident = IncidentFixture.Mitigated().Then(new Resolve("stable"), IncidentFixture.Sarah, 60 * 12);
        var postMortem = PostMortem.From(incident);
        var markdown = postMortem.ToMarkdown();

        Assert.Equal(PostMortemClock.TwentyFourHour, postMortem.Clock);
        Assert.Contains("**Duration**: 12 hours (04:02 - 16:02 UTC)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- 16:02: Incident resolved, stable\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Clock_TwelveHour_IsTheSeedArticlesStyle_AndSurvivesOtherCopies()
    {
        var incident = IncidentFixture.Mitigated().Then(new Resolve("stable"), IncidentFixture.Sarah, 60 * 12);
        var postMortem = PostMortem.From(incident).WithClock(PostMortemClock.TwelveHour).WithTitle("Checkout Outage");
        var markdown = postMortem.ToMarkdown();

        Assert.Equal(PostMortemClock.TwelveHour, postMortem.Clock);
        Assert.Contains("**Duration**: 12 hours (4:02 AM - 4:02 PM UTC)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- 4:02 PM: Incident resolved, stable\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Clock_InBerlinAcrossTheAutumnChange_ShowsBothAbbreviations()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var policy = ResponsePolicy.Default.WithCalendar(new IncidentPolicy.Calendars.BusinessCalendar(
            berlin, ResponsePolicy.Default.Calendar.WorkingDays, ResponsePolicy.Default.Calendar.Hours));
        var alertAt = Instant.FromUtc(2026, 10, 25, 0, 30); // 02:30 CEST, the first of the two 02:30s
        var incident = IncidentFixture.Accepted(Incident.Raise(policy, "INC-9", new RaiseAlert("Checkout error rate > 5%", "checkout", "SEV-3"), IncidentFixture.Monitoring, alertAt));
        incident = IncidentFixture.Accepted(incident.Apply(new Resolve("stable"), IncidentFixture.Manager, alertAt + Duration.FromHours(1), incident.Version));

        var markdown = PostMortem.From(incident).ToMarkdown();

        Assert.Contains("**Duration**: 1 hour (02:30 CEST - 02:30 CET)\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void WithClock_UndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PostMortem.From(IncidentFixture.Resolved()).WithClock((PostMortemClock)7));
}
