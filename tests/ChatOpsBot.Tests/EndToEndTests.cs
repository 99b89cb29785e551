using ChatOpsBot.Tests.Support;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace ChatOpsBot.Tests;

/// <summary>The seed's checkout outage driven through the bot loop on a fake clock, and restarts over its logs.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly BotFixture _fixture = new();

    [Fact]
    public void SeedIncident_OnFakeClock_SendsThePagesAndRemindersThatFallDue()
    {
        var messenger = _fixture.Run(BotFixture.SeedScript, BotFixture.At(5, 0));

        var acted = messenger.Messages.Where(m => m.Kind is MessageKind.Page or MessageKind.Notify or MessageKind.Reminder)
            .Select(m => $"{m.At:HH:mm} {m.Kind} {m.To} {m.Key}");
        Assert.Equal(
        [
            "04:02 Page @alex escalate:page-on-call.1.on-call-engineer#1",
            "04:07 Reminder @alex assignCommander",
            "04:07 Reminder @alex declare",
            "04:17 Reminder @erin respond:engineering-manager",
            "04:30 Reminder @maria externalUpdate#1",
            "04:32 Page @erin escalate:page-engineering-manager#1",
            "04:45 Reminder @sarah internalUpdate#2",
            "04:47 Notify @victor escalate:notify-vp-engineering#1",
        ], acted);
        Assert.Contains(
            "2026-05-29T04:30:00Z REMINDER @maria [INC-2026-05-29-01 externalUpdate#1] externalUpdate#1 due now: status-page update every 15 minutes after the previous one (Rule 3; SEV-1)",
            messenger.Lines);
        Assert.DoesNotContain(messenger.Messages, m => m.Text.StartsWith('✗') || m.Kind == MessageKind.Notice);
        Assert.Equal(14, messenger.Messages.Count(m => m.Kind == MessageKind.Reply && m.Text.StartsWith('✓')));
    }

    [Fact]
    public void SeedIncident_OnFakeClock_LogsEveryEventAndWhatWasSent()
    {
        _fixture.Run(BotFixture.SeedScript, BotFixture.At(5, 0));

        var events = _fixture.LogEvents();
        Assert.Equal(
        [
            "alertFired", "notificationSent", "acknowledged", "reminderSent", "reminderSent", "declared", "channelCreated",
            "commanderAssigned", "roleAssigned", "statusUpdatePosted", "reminderSent", "noteAdded", "mitigated", "reminderSent",
            "notificationSent", "noteAdded", "reminderSent", "impactRecorded", "impactRecorded", "notificationSent",
            "statusUpdatePosted", "resolved", "postMortemScheduled",
        ], events.Select(e => e.Type));
        Assert.Contains(new NotificationSent(BotFixture.At(4, 32), IncidentBot.BotId, "escalate:page-engineering-manager#1", "erin"), events);
        Assert.Contains(new ReminderSent(BotFixture.At(4, 30), IncidentBot.BotId, "externalUpdate#1"), events);

        // The log is the incident: replayed, it says the pages went out in time and the reminders met nothing.
        var incident = Incident.Replay(ResponsePolicy.Default, BotFixture.IncidentId, events);
        Assert.Equal(IncidentStatus.PostMortem, incident.Status);
        var evaluation = ResponsePolicy.Default.Evaluate(incident, BotFixture.At(5, 0));
        Assert.Equal(ObligationState.Met, evaluation.Find("escalate:page-engineering-manager#1")!.State);
        Assert.Equal(ObligationState.Met, evaluation.Find("escalate:notify-vp-engineering#1")!.State);
        Assert.Equal(ObligationState.MetLate, evaluation.Find("externalUpdate#1")!.State);
        Assert.Equal(ObligationState.Overdue, evaluation.Find("respond:engineering-manager")!.State);
    }

    [Fact]
    public void Restart_OverTheSameLogs_SendsNothingTwice()
    {
        _fixture.Run(BotFixture.SeedScript, BotFixture.At(5, 0));
        var before = File.ReadAllBytes(_fixture.LogPath);

        var (bot, messenger) = _fixture.NewBot();
        bot.Start();
        _fixture.Clock.Reset(BotFixture.At(6, 0));
        bot.Tick();

        Assert.Empty(messenger.Messages);
        Assert.Equal(before, File.ReadAllBytes(_fixture.LogPath));
        Assert.Equal(23, bot.Incidents[BotFixture.IncidentId].Version);
    }

    [Fact]
    public void Restart_AfterDowntime_SendsWhatFellDueWhileDownOnce()
    {
        // The bot stops at 04:20; a new one starts at 04:50 and catches up on what fell due in between.
        var firstPart = string.Join('\n', BotFixture.SeedScript.Split('\n').Where(l => l.StartsWith("#") || string.CompareOrdinal(l, "2026-05-29T04:20Z") < 0));
        _fixture.Run(firstPart, BotFixture.At(4, 20));
        _fixture.Clock.Reset(BotFixture.At(4, 50));

        var (bot, messenger) = _fixture.NewBot();
        bot.Start();
        var (again, messengerAgain) = _fixture.NewBot();
        again.Start();

        Assert.Equal(
        [
            "Reminder @maria externalUpdate#1",
            "Page @erin escalate:page-engineering-manager#1",
            "Reminder @sarah internalUpdate#2",
        ], messenger.Messages.Select(m => $"{m.Kind} {m.To} {m.Key}"));
        Assert.Empty(messengerAgain.Messages);
        var keys = _fixture.LogEvents().OfType<ReminderSent>().Select(e => e.Key)
            .Concat(_fixture.LogEvents().OfType<NotificationSent>().Select(e => e.Key)).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
    }

    [Fact]
    public void Loop_WhenADeadlinePassesWhileACommandIsHandled_ActsOnItBeforeTheNextLine()
    {
        // Every reading of the clock moves it on 10 s, as a slow disk would. Declaring falls due at 04:07:30; the
        // acknowledgement is handled at 04:07:00 and the clock is past 04:07:30 when the loop looks again: the
        // reminder must still go out then, not be skipped until the next deadline.
        _fixture.Clock.AutoAdvance = NodaTime.Duration.FromSeconds(10);
        const string script = """
            2026-05-29T04:02:30Z monitoring: /incident sev1 Checkout error rate > 5%
            2026-05-29T04:07Z alex: /ack
            2026-05-29T04:12Z alex: /declare sev1 checkout errors
            """;

        var messenger = _fixture.Run(script, BotFixture.At(4, 13));

        var declare = Assert.Single(messenger.Messages, m => m.Key == "declare");
        Assert.True(declare.At < BotFixture.At(4, 9), $"declare reminded at {declare.At}");
        Assert.Single(messenger.Messages, m => m.Key == "assignCommander");
    }

    [Fact]
    public async Task Loop_WhileNoLineArrives_ActsOnWakeUps()
    {
        using var silence = new QuietReader("2026-05-29T04:02Z monitoring: /incident sev1 Checkout error rate > 5%");
        var (bot, messenger) = _fixture.NewBot();

        await BotLoop.RunAsync(bot, silence, new FakeTimeline(_fixture.Clock), null, BotFixture.At(4, 20), CancellationToken.None);

        Assert.Equal(
            ["escalate:page-on-call.1.on-call-engineer#1", "acknowledge", "assignCommander", "declare", "escalate:page-on-call.2.engineering-manager#1",
             "firstExternalUpdate", "respond:comms-lead", "respond:engineering-manager", "respond:on-call-engineer"],
            messenger.Messages.Where(m => m.Key is not null).Select(m => m.Key));
        Assert.Equal(BotFixture.At(4, 20), _fixture.Clock.GetCurrentInstant());
    }

    [Fact]
    public async Task BackgroundLineReader_ReadsTheLinesOfTheReaderItWraps()
    {
        using var reader = new BackgroundLineReader(new StringReader("alex: /ack\nsarah: /who\n"));

        Assert.Equal("alex: /ack", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("sarah: /who", await reader.ReadLineAsync());
        Assert.Null(reader.ReadLine());
    }

    /// <summary>Gives its lines, then no line at all until disposed: a chat that has gone quiet.</summary>
    private sealed class QuietReader(params string[] lines) : TextReader
    {
        private readonly TaskCompletionSource<string?> _never = new();
        private int _next;

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            _next < lines.Length ? new(lines[_next++]) : new(_never.Task);

        protected override void Dispose(bool disposing)
        {
            _never.TrySetResult(null);
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Loop_AfterTheInputEnds_KeepsActingOnWakeUpsUntilTheEnd()
    {
        var upToDeclare = string.Join('\n', BotFixture.SeedScript.Split('\n').Take(7));
        var messenger = _fixture.Run(upToDeclare, BotFixture.At(4, 40));

        Assert.Contains(messenger.Messages, m => m.Key == "firstExternalUpdate" && m.At == BotFixture.At(4, 17));
        Assert.Contains(messenger.Messages, m => m.Key == "escalate:page-engineering-manager#1" && m.At == BotFixture.At(4, 32));
        Assert.Equal(BotFixture.At(4, 40), _fixture.Clock.GetCurrentInstant());
    }

    public void Dispose() => _fixture.Dispose();
}
