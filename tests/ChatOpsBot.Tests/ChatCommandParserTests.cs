using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace ChatOpsBot.Tests;

public sealed class ChatCommandParserTests
{
    private readonly ChatCommandParser _parser = new(ResponsePolicy.Default);

    // ChatCommand is internal to the sample, so the theory data is typed as object.
    public static TheoryData<string, object> Commands => new()
    {
        { "/incident sev1 Checkout error rate > 5%", new OpenIncident(new RaiseAlert("Checkout error rate > 5%", null, "SEV-1")) },
        { "/incident Checkout error rate > 5%", new OpenIncident(new RaiseAlert("Checkout error rate > 5%")) },
        { "/ack", new ApplyCommand(new Acknowledge()) },
        { "/declare sev1 checkout errors", new ApplyCommand(new Declare("SEV-1", "checkout errors")) },
        { "/declare SEV-2 checkout errors", new ApplyCommand(new Declare("SEV-2", "checkout errors")) },
        { "/ic @sarah", new ApplyCommand(new AssignCommander("sarah")) },
        { "/role comms @maria", new ApplyCommand(new AssignRole("comms-lead", "maria")) },
        { "/role engineering-manager erin", new ApplyCommand(new AssignRole("engineering-manager", "erin")) },
        { "/update external We're investigating elevated error rates on checkout.", new ApplyCommand(new PostStatusUpdate(StatusAudience.External, "We're investigating elevated error rates on checkout.")) },
        { "/update internal still looking", new ApplyCommand(new PostStatusUpdate(StatusAudience.Internal, "still looking")) },
        { "/impact revenueLoss 47000 USD", new ApplyCommand(new RecordImpact("revenueLoss", 47000m, "USD")) },
        { "/impact failedCheckouts 2340", new ApplyCommand(new RecordImpact("failedCheckouts", 2340m)) },
        { "/flag dataBreachSuspected", new ApplyCommand(new RaiseFlag("dataBreachSuspected")) },
        { "/severity sev2 smaller than feared", new ApplyCommand(new ChangeSeverity("SEV-2", "smaller than feared")) },
        { "/note Root cause identified", new ApplyCommand(new AddNote("Root cause identified")) },
        { "/mitigate", new ApplyCommand(new Mitigate()) },
        { "/mitigate Hotfix deployed", new ApplyCommand(new Mitigate("Hotfix deployed")) },
        { "/resolve", new ApplyCommand(new Resolve()) },
        { "/reopen errors are back", new ApplyCommand(new Reopen("errors are back")) },
        { "/decline false alarm", new ApplyCommand(new Decline("false alarm")) },
        { "/close", new ApplyCommand(new Close()) },
        { "/postmortem schedule 2026-05-30T15:00Z", new ApplyCommand(new SchedulePostMortem(Instant.FromUtc(2026, 5, 30, 15, 0))) },
        { "/postmortem publish", new ApplyCommand(new PublishPostMortem()) },
        { "/action AI-1 @alex 2026-06-05 Add integration tests", new ApplyCommand(new AddActionItem("AI-1", "Add integration tests", "alex", new LocalDate(2026, 6, 5))) },
        { "/done AI-1", new ApplyCommand(new CompleteActionItem("AI-1")) },
        { "/STATUS", new Query(QueryKind.Status) },
        { "/who", new Query(QueryKind.Who) },
        { "/help", new Query(QueryKind.Help) },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void TryParse_ACommand_ReadsIt(string text, object expected)
    {
        Assert.True(_parser.TryParse(text, out var command, out var error));
        Assert.Null(error);
        Assert.Equal(expected, command);
    }

    [Theory]
    [InlineData("/page erin", nameof(ParseErrorKind.UnknownCommand), "unknown command: '/page' (try /help)")]
    [InlineData("/incident", nameof(ParseErrorKind.MissingArgument), "missing argument: SUMMARY")]
    [InlineData("/incident sev1", nameof(ParseErrorKind.MissingArgument), "missing argument: SUMMARY")]
    [InlineData("/declare sev1", nameof(ParseErrorKind.MissingArgument), "missing argument: TITLE")]
    [InlineData("/ic", nameof(ParseErrorKind.MissingArgument), "missing argument: @PERSON")]
    [InlineData("/role comms", nameof(ParseErrorKind.MissingArgument), "missing argument: @PERSON")]
    [InlineData("/update everyone hello", nameof(ParseErrorKind.BadArgument), "bad argument: audience 'everyone' is neither internal nor external")]
    [InlineData("/update external", nameof(ParseErrorKind.MissingArgument), "missing argument: MESSAGE")]
    [InlineData("/impact revenueLoss lots", nameof(ParseErrorKind.BadArgument), "bad argument: 'lots' is not a number")]
    [InlineData("/impact revenueLoss", nameof(ParseErrorKind.MissingArgument), "missing argument: VALUE")]
    [InlineData("/flag", nameof(ParseErrorKind.MissingArgument), "missing argument: FLAG")]
    [InlineData("/postmortem schedule tomorrow", nameof(ParseErrorKind.BadArgument), "bad argument: 'tomorrow' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z")]
    [InlineData("/postmortem cancel", nameof(ParseErrorKind.BadArgument), "bad argument: '/postmortem cancel': expected schedule or publish")]
    [InlineData("/action AI-1 @alex June Add tests", nameof(ParseErrorKind.BadArgument), "bad argument: 'June' is not a date like 2026-06-05")]
    [InlineData("/note", nameof(ParseErrorKind.MissingArgument), "missing argument: TEXT")]
    public void TryParse_BadInput_AnswersATypedError(string text, string kind, string message)
    {
        Assert.False(_parser.TryParse(text, out var command, out var error));
        Assert.Null(command);
        Assert.Equal(kind, error!.Kind.ToString());
        Assert.Equal(message, error.ToString());
    }

    [Theory]
    [InlineData("alex: /ack", null, null, "alex", "/ack")]
    [InlineData("  alex:   /ack  ", null, null, "alex", "/ack")]
    [InlineData("2026-05-29T04:07Z alex: /ack", "2026-05-29T04:07:00Z", null, "alex", "/ack")]
    [InlineData("[INC-2026-05-29-02] sarah: /who", null, "INC-2026-05-29-02", "sarah", "/who")]
    [InlineData("2026-05-29T04:07Z [INC-1] alex: /ack", "2026-05-29T04:07:00Z", "INC-1", "alex", "/ack")]
    [InlineData("/ack", null, null, "me", "/ack")]
    [InlineData("alex: /update external 4:15: still down", null, null, "alex", "/update external 4:15: still down")]
    public void ChatLine_TryParse_ReadsInstantIncidentUserAndCommand(string text, string? at, string? incident, string user, string command)
    {
        Assert.True(ChatLine.TryParse(text, "me", out var line, out var error));
        Assert.Null(error);
        Assert.Equal(at, line.At is { } instant ? IncidentPolicy.Primitives.TextFormats.Format(instant) : null);
        Assert.Equal(incident, line.IncidentId);
        Assert.Equal(user, line.User);
        Assert.Equal(command, line.Text);
    }

    [Theory]
    [InlineData("/ack", null, "not a command: who is typing? start the line with 'user: ' or run the bot with --user")]
    [InlineData("alex: ack", "me", "not a command: expected 'user: /command args' (try /help)")]
    [InlineData("hello there", "me", "not a command: expected 'user: /command args' (try /help)")]
    [InlineData("[INC-1 alex: /ack", "me", "not a command: an incident id in [brackets] is not closed")]
    [InlineData("2026-13-29T04:07Z alex: /ack", "me", "bad argument: '2026-13-29T04:07Z' is not an instant; write ISO 8601 UTC like 2026-05-30T15:00Z or 2026-05-30T15:00:00.5Z")]
    public void ChatLine_TryParse_BadLine_AnswersATypedError(string text, string? defaultUser, string message)
    {
        Assert.False(ChatLine.TryParse(text, defaultUser, out _, out var error));
        Assert.Equal(message, error!.ToString());
    }
}
