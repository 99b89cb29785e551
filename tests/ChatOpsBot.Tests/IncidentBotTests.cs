using ChatOpsBot.Tests.Support;
using IncidentPolicy.Lifecycle;

namespace ChatOpsBot.Tests;

/// <summary>What the bot answers: rejections with their reason, bad input, and nothing about a restricted incident
/// to people who may not view it.</summary>
public sealed class IncidentBotTests : IDisposable
{
    private readonly BotFixture _fixture = new();
    private readonly IncidentBot _bot;
    private readonly RecordingMessenger _messenger;

    public IncidentBotTests()
    {
        (_bot, _messenger) = _fixture.NewBot();
        _fixture.Clock.Reset(BotFixture.At(4, 2));
    }

    private string LastReplyTo(string user) => _messenger.Messages.Last(m => m.Kind == MessageKind.Reply && m.To == "@" + user).Text;

    [Fact]
    public void Status_OfARestrictedIncident_AnswersOnlyThoseWhoMayViewIt()
    {
        _bot.Handle("monitoring: /incident sev2 Unusual exports from the customer database");
        _bot.Handle("alex: /flag dataBreachSuspected");

        _bot.Handle("olga: /status");
        Assert.Equal("no open incident you can see (open one with /incident)", LastReplyTo("olga"));
        _bot.Handle("[INC-2026-05-29-01] olga: /who");
        Assert.Equal("no incident INC-2026-05-29-01 that you can see", LastReplyTo("olga"));
        _bot.Handle("olga: /note just curious");
        Assert.Equal("no open incident you can see (open one with /incident)", LastReplyTo("olga"));
        Assert.DoesNotContain(_fixture.LogEvents(), e => e.By == "olga");

        _bot.Handle("sam: /status");  // security team
        Assert.StartsWith("INC-2026-05-29-01 SEV-2 triggered v", LastReplyTo("sam"), StringComparison.Ordinal);
        _bot.Handle("erin: /who");    // engineering manager
        Assert.StartsWith("INC-2026-05-29-01: commander (none), on-call responder (none)", LastReplyTo("erin"), StringComparison.Ordinal);
        _bot.Handle("alex: /status"); // a participant
        Assert.StartsWith("INC-2026-05-29-01 SEV-2 triggered v", LastReplyTo("alex"), StringComparison.Ordinal);
        Assert.Contains(_messenger.Messages, m => m.Kind == MessageKind.Notify && m.To == "@sam" && m.Key == "escalate:notify-security-team#1");
    }

    [Fact]
    public void Declare_CreatesTheChannelOnce_AndRecordsIt()
    {
        _bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        Assert.DoesNotContain(_fixture.LogEvents(), e => e is ChannelCreated);

        _bot.Handle("alex: /declare sev1 checkout errors");
        _bot.Handle("alex: /note looking at the deploy log");

        var created = Assert.Single(_fixture.LogEvents().OfType<ChannelCreated>());
        Assert.Equal("#inc-2026-05-29-checkout-errors", created.Channel);
        var message = Assert.Single(_messenger.Messages, m => m.Kind == MessageKind.Channel);
        Assert.Equal("#inc-2026-05-29-checkout-errors", message.To);
    }

    [Fact]
    public void Handle_WithoutAnIncidentId_GoesToTheLatestOpenIncidentTheUserMayView()
    {
        _bot.Handle("monitoring: /incident sev3 Search latency");
        _bot.Handle("monitoring: /incident sev2 Unusual exports from the customer database");
        _bot.Handle("sam: /flag dataBreachSuspected");

        _bot.Handle("olga: /note still slow");

        Assert.Contains(_fixture.LogEvents("INC-2026-05-29-01"), e => e is NoteAdded { By: "olga" });
        Assert.DoesNotContain(_fixture.LogEvents("INC-2026-05-29-02"), e => e.By == "olga");
    }

    [Fact]
    public void Status_OfAnOpenIncident_ListsWhatIsOwedAndTheNextWakeUp()
    {
        _bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        _bot.Handle("olga: /status");

        Assert.Equal(
            """
            INC-2026-05-29-01 SEV-1 triggered v2 "Checkout error rate > 5%" in #inc-2026-05-29-checkout-error-rate-5
                acknowledge  pending  due 2026-05-29T04:07:00Z
                assignCommander  pending  due 2026-05-29T04:07:00Z
                declare  pending  due 2026-05-29T04:07:00Z
                escalate:page-on-call.2.engineering-manager#1  pending  due 2026-05-29T04:07:00Z
                firstExternalUpdate  pending  due 2026-05-29T04:17:00Z
                respond:comms-lead  pending  due 2026-05-29T04:17:00Z
                respond:engineering-manager  pending  due 2026-05-29T04:17:00Z
                respond:on-call-engineer  pending  due 2026-05-29T04:17:00Z
                next wake-up 2026-05-29T04:07:00Z
            """.ReplaceLineEndings("\n"),
            LastReplyTo("olga"));
    }

    [Fact]
    public void Handle_ACommandTheLifecycleRejects_ShowsTheReasonAndRecordsNothing()
    {
        _bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        _bot.Handle("alex: /ack");
        var version = _fixture.LogEvents().Count;

        _bot.Handle("olga: /declare sev1 checkout errors");

        Assert.StartsWith("✗ rejected (permissions.declare):", LastReplyTo("olga"), StringComparison.Ordinal);
        Assert.Equal(version, _fixture.LogEvents().Count);
    }

    [Fact]
    public void Handle_BadInput_AnswersTheUserAndRecordsNothing()
    {
        _bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        var version = _fixture.LogEvents().Count;

        _bot.Handle("alex: /page erin");
        Assert.Equal("unknown command: '/page' (try /help)", LastReplyTo("alex"));
        _bot.Handle("alex: /impact revenueLoss lots");
        Assert.Equal("bad argument: 'lots' is not a number", LastReplyTo("alex"));
        _bot.Handle("alex acknowledges");
        Assert.Equal("not a command: expected 'user: /command args' (try /help)", _messenger.Messages[^1].Text);
        Assert.Equal("?", _messenger.Messages[^1].To);
        _bot.Handle("[INC-404] alex: /ack");
        Assert.Equal("no incident INC-404 that you can see", LastReplyTo("alex"));
        _bot.Handle("[../etc/passwd] alex: /status");
        Assert.Equal("no incident ../etc/passwd that you can see", LastReplyTo("alex"));

        Assert.Equal(version, _fixture.LogEvents().Count);
    }

    [Fact]
    public void Handle_WithoutAnIncident_SaysHowToOpenOne()
    {
        _bot.Handle("alex: /ack");

        Assert.Equal("no open incident you can see (open one with /incident)", LastReplyTo("alex"));
        Assert.Empty(_fixture.Store.IncidentIds());
    }

    [Fact]
    public void Handle_Help_ListsTheCommands()
    {
        _bot.Handle("alex: /help");

        Assert.Contains("/postmortem schedule INSTANT", LastReplyTo("alex"), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_IncidentWithAnUnknownSeverityWord_OpensAnIncidentWithoutSeverity()
    {
        _bot.Handle("monitoring: /incident checkout is slow");

        Assert.Null(_bot.Incidents[BotFixture.IncidentId].SeverityId);
        Assert.Equal("checkout is slow", _bot.Incidents[BotFixture.IncidentId].Summary);
    }

    [Fact]
    public void Handle_TwoIncidentsOnOneDay_NumbersThemAndActsOnTheLatestOpenOneUnlessNamed()
    {
        _bot.Handle("monitoring: /incident sev2 Checkout error rate > 5%");
        _bot.Handle("monitoring: /incident sev3 Search latency");
        _bot.Handle("alex: /ack");
        _bot.Handle("[INC-2026-05-29-01] alex: /ack");

        Assert.Equal(["INC-2026-05-29-01", "INC-2026-05-29-02"], _fixture.Store.IncidentIds());
        Assert.All(_bot.Incidents.Values, i => Assert.Equal(IncidentPolicy.Primitives.IncidentStatus.Acknowledged, i.Status));
    }

    [Fact]
    public void Handle_WhenTheClockIsBehindTheLog_RejectsTheCommand()
    {
        _bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        _fixture.Clock.Reset(BotFixture.At(4, 0));

        _bot.Handle("alex: /ack");

        Assert.StartsWith("✗ rejected", LastReplyTo("alex"), StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.LogEvents(), e => e is Acknowledged);
    }

    public void Dispose() => _fixture.Dispose();
}
