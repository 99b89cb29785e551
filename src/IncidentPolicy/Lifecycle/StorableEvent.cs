using NodaTime;
using static IncidentPolicy.Primitives.StorableText.Shape;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// What <see cref="Incident.Apply"/> checks so that every event it accepts is written to the log and read back
/// unchanged (<see cref="Limits"/>): its texts, its instants and dates, and the log's size once it is added.
/// </summary>
internal static class StorableEvent
{
    /// <summary>The fewest bytes an event is counted as: its type, instant, actor and field names, with room for the
    /// indentation of the document form.</summary>
    private const long FixedBytes = 256;

    /// <summary>The rejection of an event whose instants lie outside the supported range, or <see langword="null"/>.</summary>
    public static Rejection? CheckInstants(IncidentEvent e)
    {
        var reason = Instant(e.At, "the command's instant") ?? (e is PostMortemScheduled x ? Instant(x.For, "the post-mortem's date") : null);
        return reason is null ? null : new Rejection(RejectionCode.InvalidCommand, reason, RuleIds.Storable);
    }

    /// <summary>The reason an event cannot be stored, or <see langword="null"/>.</summary>
    public static Rejection? Check(Incident before, IncidentEvent e)
    {
        var reason = Instant(e.At, "the command's instant") ?? Text(e.By, Id, "the actor's id") ?? e switch
        {
            AlertFired x => Text(x.Summary, Free, "the alert summary") ?? Text(x.Service, Id, "the service")
                ?? Text(x.Severity, Id, "the severity"),
            ActionItemAdded x => Text(x.Id, Id, "the action item id") ?? Text(x.Action, Free, "the action")
                ?? Text(x.Owner, Id, "the owner") ?? Date(x.Due, "the due date"),
            ActionItemCompleted x => Text(x.Id, Id, "the action item id"),
            ActionItemStatusChanged x => Text(x.Id, Id, "the action item id") ?? Text(x.Reason, Free, "the reason"),
            CommanderAssigned x => Text(x.Person, Id, "the commander"),
            Declared x => Text(x.Severity, Id, "the severity") ?? Text(x.Title, Line, "the title"),
            Declined x => Text(x.Reason, Free, "the reason"),
            FlagRaised x => Text(x.Flag, Id, "the flag"),
            ImpactRecorded x => Text(x.Metric, Id, "the impact metric") ?? Text(x.Unit, Id, "the unit"),
            Merged x => Text(x.Into, Id, "the incident to merge into"),
            Mitigated x => Text(x.Summary, Free, "the summary"),
            NoteAdded x => Text(x.Text, Free, "the note"),
            NotificationSent x => Text(x.Key, Id, "the obligation key") ?? Text(x.Target, Id, "the notification target"),
            PostMortemScheduled x => Instant(x.For, "the post-mortem's date"),
            ReminderSent x => Text(x.Key, Id, "the obligation key"),
            Reopened x => Text(x.Reason, Free, "the reason"),
            Resolved x => Text(x.Summary, Free, "the summary"),
            RoleAssigned x => Text(x.Role, Id, "the role") ?? Text(x.Person, Id, "the person"),
            SeverityChanged x => Text(x.Severity, Id, "the severity") ?? Text(x.Reason, Free, "the reason"),
            StatusUpdatePosted x => Text(x.Message, Free, "the status update"),
            _ => null,
        };
        if (reason is null)
        {
            if (before.Version >= Limits.MaxEvents)
            {
                reason = $"The incident's log already holds {Limits.MaxEvents:N0} events, the most a log may hold.";
            }
            else if (before.StoredBytes + Bytes(e) > Limits.MaxLogBytes)
            {
                reason = $"The event would take the incident's log past {Limits.MaxLogBytes / (1024 * 1024)} MiB, the most a log may take.";
            }
        }

        return reason is null ? null : new Rejection(RejectionCode.InvalidCommand, reason, RuleIds.Storable);
    }

    /// <summary>The most bytes the event may take in the log, counted as <see cref="Limits.MaxLogBytes"/> says.</summary>
    public static long Bytes(IncidentEvent e)
    {
        var texts = StorableText.MaxEscapedBytes(e.By) + e switch
        {
            AlertFired x => B(x.Summary) + B(x.Service) + B(x.Severity) + B(x.PolicyHash),
            ActionItemAdded x => B(x.Id) + B(x.Action) + B(x.Owner),
            ActionItemCompleted x => B(x.Id),
            ActionItemStatusChanged x => B(x.Id) + B(x.Reason),
            CommanderAssigned x => B(x.Person),
            Declared x => B(x.Severity) + B(x.Title),
            Declined x => B(x.Reason),
            FlagRaised x => B(x.Flag),
            ImpactRecorded x => B(x.Metric) + B(x.Unit),
            Merged x => B(x.Into),
            Mitigated x => B(x.Summary),
            NoteAdded x => B(x.Text),
            NotificationSent x => B(x.Key) + B(x.Target),
            ReminderSent x => B(x.Key),
            Reopened x => B(x.Reason),
            Resolved x => B(x.Summary),
            RoleAssigned x => B(x.Role) + B(x.Person),
            SeverityChanged x => B(x.Severity) + B(x.Reason),
            StatusUpdatePosted x => B(x.Message),
            _ => 0,
        };
        return FixedBytes + texts;
    }

    private static long B(string? text) => StorableText.MaxEscapedBytes(text);

    private static string? Text(string? text, StorableText.Shape shape, string what) => StorableText.Check(text, shape, what);

    private static string? Instant(Instant instant, string what) =>
        Limits.Contains(instant) ? null : $"{StorableText.Capital(what)} {TimeMath.OutsideRange(instant)}";

    private static string? Date(LocalDate date, string what) =>
        Limits.Contains(date) ? null : $"{StorableText.Capital(what)} {TimeMath.OutsideRange(date)}";
}
