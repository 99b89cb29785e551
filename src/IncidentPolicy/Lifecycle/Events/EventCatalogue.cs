using System.Collections.Frozen;
using NodaTime;
using static IncidentPolicy.Primitives.StorableText.Shape;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Every event type, once: its name in the log, its record, its fields (name, kind, whether optional, how a rejection
/// names it) and how to make it. The event log's reader and writer, <see cref="StorableEvent"/> and the test
/// generators all read this table, so a new event type is a record, an entry here, its case in
/// <c>Incident.Evolve</c> and the rules that care about it — nothing else.
/// </summary>
/// <remarks>
/// <para>The order of the entries is the order the reader lists the types in its reasons; a new type goes at the end.
/// The order of an entry's fields is the record's parameter order, which is the order the writer writes them in.</para>
/// <para>It does not depend on System.Text.Json: the serializers that read it do. Immutable and thread-safe.</para>
/// </remarks>
internal static class EventCatalogue
{
    /// <summary>Every event type, in the order the log's reasons list them.</summary>
    public static IReadOnlyList<EventType> All { get; } =
    [
        Type<AlertFired>("alertFired")
            .Text("summary", e => e.Summary, Free, "the alert summary")
            .OptionalText("service", e => e.Service, Id, "the service")
            .OptionalText("severity", e => e.Severity, Id, "the severity")
            .OptionalText("policyHash", e => e.PolicyHash) // the policy's content hash, set by Incident.Raise
            .Creates((at, by, v) => new AlertFired(at, by, v.Text(0), v.OptionalText(1), v.OptionalText(2), v.OptionalText(3))),
        Type<Acknowledged>("acknowledged")
            .Creates((at, by, _) => new Acknowledged(at, by)),
        Type<Declared>("declared")
            .Text("severity", e => e.Severity, Id, "the severity")
            .Text("title", e => e.Title, Line, "the title")
            .Creates((at, by, v) => new Declared(at, by, v.Text(0), v.Text(1))),
        Type<CommanderAssigned>("commanderAssigned")
            .Text("person", e => e.Person, Id, "the commander")
            .Creates((at, by, v) => new CommanderAssigned(at, by, v.Text(0))),
        Type<RoleAssigned>("roleAssigned")
            .Text("role", e => e.Role, Id, "the role")
            .Text("person", e => e.Person, Id, "the person")
            .Creates((at, by, v) => new RoleAssigned(at, by, v.Text(0), v.Text(1))),
        Type<SeverityChanged>("severityChanged")
            .Text("severity", e => e.Severity, Id, "the severity")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .Creates((at, by, v) => new SeverityChanged(at, by, v.Text(0), v.OptionalText(1))),
        Type<StatusUpdatePosted>("statusUpdatePosted")
            .Choice("audience", e => e.Audience, "an audience")
            .Text("message", e => e.Message, Free, "the status update")
            .Creates((at, by, v) => new StatusUpdatePosted(at, by, v.Choice<StatusAudience>(0), v.Text(1))),
        Type<ImpactRecorded>("impactRecorded")
            .Text("metric", e => e.Metric, Id, "the impact metric")
            .Decimal("value", e => e.Value)
            .OptionalText("unit", e => e.Unit, Id, "the unit")
            .Creates((at, by, v) => new ImpactRecorded(at, by, v.Text(0), v.Decimal(1), v.OptionalText(2))),
        Type<FlagRaised>("flagRaised")
            .Text("flag", e => e.Flag, Id, "the flag")
            .Creates((at, by, v) => new FlagRaised(at, by, v.Text(0))),
        Type<Mitigated>("mitigated")
            .OptionalText("summary", e => e.Summary, Free, "the summary")
            .Creates((at, by, v) => new Mitigated(at, by, v.OptionalText(0))),
        Type<Resolved>("resolved")
            .OptionalText("summary", e => e.Summary, Free, "the summary")
            .Creates((at, by, v) => new Resolved(at, by, v.OptionalText(0))),
        Type<Reopened>("reopened")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .Creates((at, by, v) => new Reopened(at, by, v.OptionalText(0))),
        Type<PostMortemScheduled>("postMortemScheduled")
            .Instant("for", e => e.For, "the post-mortem's date")
            .Creates((at, by, v) => new PostMortemScheduled(at, by, v.Instant(0))),
        Type<PostMortemPublished>("postMortemPublished")
            .Creates((at, by, _) => new PostMortemPublished(at, by)),
        Type<ActionItemAdded>("actionItemAdded")
            .Text("id", e => e.Id, Id, "the action item id")
            .Text("action", e => e.Action, Free, "the action")
            .Text("owner", e => e.Owner, Id, "the owner")
            .Date("due", e => e.Due, "the due date")
            .Creates((at, by, v) => new ActionItemAdded(at, by, v.Text(0), v.Text(1), v.Text(2), v.Date(3))),
        Type<ActionItemCompleted>("actionItemCompleted")
            .Text("id", e => e.Id, Id, "the action item id")
            .Creates((at, by, v) => new ActionItemCompleted(at, by, v.Text(0))),
        Type<ActionItemStatusChanged>("actionItemStatusChanged")
            .Text("id", e => e.Id, Id, "the action item id")
            .Choice("status", e => e.Status, "an action item status")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .Creates((at, by, v) => new ActionItemStatusChanged(at, by, v.Text(0), v.Choice<ActionItemStatus>(1), v.OptionalText(2))),
        Type<Closed>("closed")
            .Creates((at, by, _) => new Closed(at, by)),
        Type<Declined>("declined")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .Creates((at, by, v) => new Declined(at, by, v.OptionalText(0))),
        Type<Merged>("merged")
            .Text("into", e => e.Into, Id, "the incident to merge into")
            .Creates((at, by, v) => new Merged(at, by, v.Text(0))),
        Type<NoteAdded>("noteAdded")
            .Text("text", e => e.Text, Free, "the note")
            .Creates((at, by, v) => new NoteAdded(at, by, v.Text(0))),
        Type<NotificationSent>("notificationSent")
            .Text("key", e => e.Key, Id, "the obligation key")
            .Text("target", e => e.Target, Id, "the notification target")
            .Creates((at, by, v) => new NotificationSent(at, by, v.Text(0), v.Text(1))),
        Type<ReminderSent>("reminderSent")
            .Text("key", e => e.Key, Id, "the obligation key")
            .Creates((at, by, v) => new ReminderSent(at, by, v.Text(0))),
        Type<ChannelCreated>("channelCreated")
            .Text("channel", e => e.Channel, Line, "the channel")
            .Creates((at, by, v) => new ChannelCreated(at, by, v.Text(0))),
    ];

    private static readonly FrozenDictionary<string, EventType> ByName =
        All.ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, EventType> ByRecord = All.ToFrozenDictionary(type => type.RecordType);

    /// <summary>The names of every type, as the reader's reasons list them: <c>alertFired, acknowledged, …</c>.</summary>
    public static string NameList { get; } = string.Join(", ", All.Select(type => type.Name));

    /// <summary>The type written <paramref name="name"/> in the log (ordinal), or null.</summary>
    public static EventType? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The entry of <paramref name="incidentEvent"/>'s record, or null for a type that is not the library's
    /// (a record a host derived from <see cref="IncidentEvent"/>).</summary>
    public static EventType? Of(IncidentEvent incidentEvent) => ByRecord.GetValueOrDefault(incidentEvent.GetType());

    private static Builder<TEvent> Type<TEvent>(string name)
        where TEvent : IncidentEvent => new(name);

    /// <summary>Collects one entry's fields in the record's order; <see cref="Creates"/> ends the entry.</summary>
    private sealed class Builder<TEvent>(string name)
        where TEvent : IncidentEvent
    {
        private readonly List<EventField> _fields = [];

        /// <summary>A required string, checked as <paramref name="shape"/> and named <paramref name="what"/>.</summary>
        public Builder<TEvent> Text(string field, Func<TEvent, string> get, StorableText.Shape shape, string what) =>
            Add(EventField.ForText(field, get, optional: false, shape, what));

        /// <summary>A string that may be null; checked as <paramref name="shape"/> unless that is null.</summary>
        public Builder<TEvent> OptionalText(string field, Func<TEvent, string?> get, StorableText.Shape? shape = null, string? what = null) =>
            Add(EventField.ForText(field, get, optional: true, shape, what));

        public Builder<TEvent> Instant(string field, Func<TEvent, Instant> get, string what) => Add(EventField.ForInstant(field, get, what));

        public Builder<TEvent> Date(string field, Func<TEvent, LocalDate> get, string what) => Add(EventField.ForDate(field, get, what));

        public Builder<TEvent> Decimal(string field, Func<TEvent, decimal> get) => Add(EventField.ForDecimal(field, get));

        /// <summary>An enum value; <paramref name="noun"/> names one in reasons (<c>an audience</c>).</summary>
        public Builder<TEvent> Choice<TEnum>(string field, Func<TEvent, TEnum> get, string noun)
            where TEnum : struct, Enum => Add(EventField.ForChoice(field, get, noun));

        /// <summary>The entry, making events with <paramref name="create"/> from the fields' values by position.</summary>
        public EventType Creates(Func<Instant, string, EventValues, TEvent> create) =>
            new(name, typeof(TEvent), [.. _fields], create);

        private Builder<TEvent> Add(EventField field)
        {
            _fields.Add(field);
            return this;
        }
    }
}
