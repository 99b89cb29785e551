using System.Globalization;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;
using NodaTime.Text;

namespace ChatOpsBot;

/// <summary>What a chat command asks for.</summary>
internal abstract record ChatCommand;

/// <summary><c>/incident [SEV] SUMMARY</c>: raise an alert, opening a new incident.</summary>
internal sealed record OpenIncident(RaiseAlert Alert) : ChatCommand;

/// <summary>A command for the library's <c>Apply</c>.</summary>
internal sealed record ApplyCommand(IncidentCommand Command) : ChatCommand;

/// <summary><c>/status</c>, <c>/who</c> or <c>/help</c>.</summary>
internal sealed record Query(QueryKind Kind) : ChatCommand;

internal enum QueryKind
{
    Status,
    Who,
    Help,
}

/// <summary>Why a line is not a command the bot understands.</summary>
internal enum ParseErrorKind
{
    /// <summary>The line has no <c>/command</c>, or no user and the bot has no default user.</summary>
    NotACommand,

    /// <summary>The command is not one the bot knows.</summary>
    UnknownCommand,

    /// <summary>A required argument is missing.</summary>
    MissingArgument,

    /// <summary>An argument does not read: a number, an instant, a date, an audience.</summary>
    BadArgument,
}

/// <summary>A typed parse error, shown to the user who typed the line.</summary>
internal sealed record ParseError(ParseErrorKind Kind, string Message)
{
    public override string ToString() => $"{Kind switch
    {
        ParseErrorKind.NotACommand => "not a command",
        ParseErrorKind.UnknownCommand => "unknown command",
        ParseErrorKind.MissingArgument => "missing argument",
        _ => "bad argument",
    }}: {Message}";
}

/// <summary>
/// One line of input: <c>[INSTANT] [[INCIDENT-ID]] USER: /command args</c>. The instant (ISO 8601 UTC) makes a
/// script wait for the bot's clock; the incident id picks an incident other than the current one; the user may be
/// left out when the bot has a default user.
/// </summary>
internal sealed record ChatLine(Instant? At, string? IncidentId, string User, string Text)
{
    public static bool TryParse(string line, string? defaultUser, out ChatLine chatLine, out ParseError? error)
    {
        chatLine = new ChatLine(null, null, "", "");
        var rest = line.Trim();
        Instant? at = null;
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (rest.Length > 0 && char.IsAsciiDigit(rest[0]) && space > 0)
        {
            if (!TextFormats.TryParseInstant(rest[..space], out var instant, out var reason))
            {
                error = new ParseError(ParseErrorKind.BadArgument, reason);
                return false;
            }

            at = instant;
            rest = rest[space..].TrimStart();
        }

        string? incidentId = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = new ParseError(ParseErrorKind.NotACommand, "an incident id in [brackets] is not closed");
                return false;
            }

            incidentId = rest[1..close].Trim();
            rest = rest[(close + 1)..].TrimStart();
        }

        var user = defaultUser;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (!rest.StartsWith('/') && colon > 0 && !rest[..colon].Any(char.IsWhiteSpace))
        {
            user = rest[..colon];
            rest = rest[(colon + 1)..].TrimStart();
        }

        if (!rest.StartsWith('/'))
        {
            error = new ParseError(ParseErrorKind.NotACommand, "expected 'user: /command args' (try /help)");
            return false;
        }

        if (user is null)
        {
            error = new ParseError(ParseErrorKind.NotACommand, "who is typing? start the line with 'user: ' or run the bot with --user");
            return false;
        }

        chatLine = new ChatLine(at, incidentId, user, rest);
        error = null;
        return true;
    }
}

/// <summary>Reads the text of a chat command (<c>/ack</c>, <c>/ic @sarah</c>, …) into a <see cref="ChatCommand"/>,
/// naming severities and roles as the policy does (<c>sev1</c> is <c>SEV-1</c>, <c>comms</c> is <c>comms-lead</c>).</summary>
internal sealed class ChatCommandParser(ResponsePolicy policy)
{
    public const string Help = """
        Commands (one per line, as 'user: /command args'; '[INC-ID] user: …' picks an incident, else the latest open one):
          /incident [SEV] SUMMARY        raise an alert: a new incident (e.g. /incident sev1 Checkout error rate > 5%)
          /ack                           acknowledge the alert
          /declare SEV TITLE             declare the incident (e.g. /declare sev1 checkout errors)
          /ic @PERSON                    assign the Incident Commander
          /role ROLE @PERSON             assign a role (e.g. /role comms @maria)
          /update internal|external MESSAGE   post a status update (external = status page)
          /impact METRIC VALUE [UNIT]    record an impact figure (e.g. /impact revenueLoss 47000 USD)
          /flag FLAG                     raise a flag (e.g. /flag dataBreachSuspected)
          /severity SEV [REASON]         change the severity
          /note TEXT                     add a note to the timeline
          /mitigate [SUMMARY]  /resolve [SUMMARY]  /reopen [REASON]  /decline [REASON]  /close
          /postmortem schedule INSTANT   schedule the post-mortem (e.g. /postmortem schedule 2026-05-30T15:00Z)
          /postmortem publish            publish the post-mortem
          /action ID @OWNER DUE TEXT     add an action item (e.g. /action AI-1 @alex 2026-06-05 Add webhook tests)
          /done ID                       complete an action item
          /status  /who  /help
        """;

    public bool TryParse(string text, out ChatCommand? command, out ParseError? error)
    {
        command = null;
        error = null;
        var trimmed = text.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var args = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        try
        {
            command = name switch
            {
                "/incident" => OpenIncident(args),
                "/ack" => new ApplyCommand(new Acknowledge()),
                "/declare" => Declare(args),
                "/ic" => new ApplyCommand(new AssignCommander(Person(Word(ref args, "@PERSON")))),
                "/role" => AssignRole(args),
                "/update" => Update(args),
                "/impact" => Impact(args),
                "/flag" => new ApplyCommand(new RaiseFlag(Word(ref args, "FLAG"))),
                "/severity" => ChangeSeverity(args),
                "/note" => new ApplyCommand(new AddNote(Required(args, "TEXT"))),
                "/mitigate" => new ApplyCommand(new Mitigate(Optional(args))),
                "/resolve" => new ApplyCommand(new Resolve(Optional(args))),
                "/reopen" => new ApplyCommand(new Reopen(Optional(args))),
                "/decline" => new ApplyCommand(new Decline(Optional(args))),
                "/close" => new ApplyCommand(new Close()),
                "/postmortem" => PostMortem(args),
                "/action" => ActionItem(args),
                "/done" => new ApplyCommand(new CompleteActionItem(Word(ref args, "ID"))),
                "/status" => new Query(QueryKind.Status),
                "/who" => new Query(QueryKind.Who),
                "/help" => new Query(QueryKind.Help),
                _ => throw new CommandException(new ParseError(ParseErrorKind.UnknownCommand, $"'{name}' (try /help)")),
            };
            return true;
        }
        catch (CommandException e)
        {
            error = e.Error;
            return false;
        }
    }

    private OpenIncident OpenIncident(string args)
    {
        var rest = args;
        var first = rest.Length == 0 ? "" : Word(ref rest, "SUMMARY");
        var severity = FindSeverity(first);
        var summary = severity is null ? args : rest;
        return new OpenIncident(new RaiseAlert(Required(summary, "SUMMARY"), null, severity));
    }

    private ApplyCommand Declare(string args)
    {
        var severity = Word(ref args, "SEV");
        return new ApplyCommand(new Declare(FindSeverity(severity) ?? severity, Required(args, "TITLE")));
    }

    private ApplyCommand ChangeSeverity(string args)
    {
        var severity = Word(ref args, "SEV");
        return new ApplyCommand(new ChangeSeverity(FindSeverity(severity) ?? severity, Optional(args)));
    }

    private ApplyCommand AssignRole(string args)
    {
        var role = Word(ref args, "ROLE");
        var person = Person(Word(ref args, "@PERSON"));
        return new ApplyCommand(new AssignRole(Role: FindRole(role), Person: person));
    }

    private static ApplyCommand Update(string args)
    {
        var audience = Word(ref args, "internal|external").ToLowerInvariant() switch
        {
            "internal" => StatusAudience.Internal,
            "external" => StatusAudience.External,
            var other => throw Bad($"audience '{other}' is neither internal nor external"),
        };
        return new ApplyCommand(new PostStatusUpdate(audience, Required(args, "MESSAGE")));
    }

    private static ApplyCommand Impact(string args)
    {
        var metric = Word(ref args, "METRIC");
        var text = Word(ref args, "VALUE");
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad($"'{text}' is not a number");
        }

        return new ApplyCommand(new RecordImpact(metric, value, Optional(args)));
    }

    private static ApplyCommand PostMortem(string args)
    {
        switch (Word(ref args, "schedule|publish").ToLowerInvariant())
        {
            case "schedule":
                var text = Word(ref args, "INSTANT");
                return TextFormats.TryParseInstant(text, out var instant, out var reason)
                    ? new ApplyCommand(new SchedulePostMortem(instant))
                    : throw Bad(reason);
            case "publish":
                return new ApplyCommand(new PublishPostMortem());
            case var other:
                throw Bad($"'/postmortem {other}': expected schedule or publish");
        }
    }

    private static ApplyCommand ActionItem(string args)
    {
        var id = Word(ref args, "ID");
        var owner = Person(Word(ref args, "@OWNER"));
        var dueText = Word(ref args, "DUE");
        var due = LocalDatePattern.Iso.Parse(dueText);
        return due.Success
            ? new ApplyCommand(new AddActionItem(id, Required(args, "TEXT"), owner, due.Value))
            : throw Bad($"'{dueText}' is not a date like 2026-06-05");
    }

    /// <summary>The policy's severity id that <paramref name="text"/> names, ignoring case and dashes.</summary>
    private string? FindSeverity(string text) =>
        policy.Severities.FirstOrDefault(l => Normalize(l.Id) == Normalize(text))?.Id;

    /// <summary>A role id, or the one role id that starts with <paramref name="text"/> and a dash (<c>comms</c>).</summary>
    private string FindRole(string text)
    {
        if (policy.Roles.Any(r => r.Id == text))
        {
            return text;
        }

        var matches = policy.Roles.Where(r => r.Id.StartsWith(text + "-", StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0].Id : text;
    }

    private static string Normalize(string text) => text.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string Person(string text) => text.TrimStart('@');

    private static string Word(ref string args, string name)
    {
        if (args.Length == 0)
        {
            throw new CommandException(new ParseError(ParseErrorKind.MissingArgument, name));
        }

        var space = args.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? args : args[..space];
        args = space < 0 ? "" : args[(space + 1)..].TrimStart();
        return word;
    }

    private static string Required(string args, string name) =>
        args.Length > 0 ? args : throw new CommandException(new ParseError(ParseErrorKind.MissingArgument, name));

    private static string? Optional(string args) => args.Length > 0 ? args : null;

    private static CommandException Bad(string message) => new(new ParseError(ParseErrorKind.BadArgument, message));

    private sealed class CommandException(ParseError error) : Exception(error.Message)
    {
        public ParseError Error { get; } = error;
    }
}
