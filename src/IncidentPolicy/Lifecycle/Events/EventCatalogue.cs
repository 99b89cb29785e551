using System.Collections.Frozen;
using NodaTime;
using static IncidentPolicy.Primitives.StorableText.Shape;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Every event type, once: its name in the log, its record, its fields (name, kind, whether optional, how a rejection
/// names it), how to make it, and the command that records it (<see cref="CommandCatalogue"/>). The event log's
/// reader and writer, the command's JSON form, <see cref="StorableEvent"/> and the test generators all read this
/// table, so a new event type is a record, an entry here, its case in <c>Incident.Evolve</c> and the rules that care
/// about it — nothing else; a new command is its record, its <see cref="CommandKind"/> and an <c>IssuedBy</c> here.
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
            .LibraryText("policyHash", e => e.PolicyHash) // the policy's content hash, set by Incident.Raise
            .AddedText("dedupKey", e => e.DedupKey, Key, "the dedup key")
            .IssuedBy(CommandKind.RaiseAlert, v => new RaiseAlert(v.Text(0), v.OptionalText(1), v.OptionalText(2), v.OptionalText(3)))
            .Creates((at, by, v) => new AlertFired(at, by, v.Text(0), v.OptionalText(1), v.OptionalText(2), v.OptionalText(3), v.OptionalText(4))),
        Type<Acknowledged>("acknowledged")
            .IssuedBy(CommandKind.Acknowledge, _ => new Acknowledge())
            .Creates((at, by, _) => new Acknowledged(at, by)),
        Type<Declared>("declared")
            .Text("severity", e => e.Severity, Id, "the severity")
            .Text("title", e => e.Title, Line, "the title")
            .IssuedBy(CommandKind.Declare, v => new Declare(v.Text(0), v.Text(1)))
            .Creates((at, by, v) => new Declared(at, by, v.Text(0), v.Text(1))),
        Type<CommanderAssigned>("commanderAssigned")
            .Text("person", e => e.Person, Id, "the commander")
            .IssuedBy(CommandKind.AssignCommander, v => new AssignCommander(v.Text(0)))
            .Creates((at, by, v) => new CommanderAssigned(at, by, v.Text(0))),
        Type<RoleAssigned>("roleAssigned")
            .Text("role", e => e.Role, Id, "the role")
            .Text("person", e => e.Person, Id, "the person")
            .IssuedBy(CommandKind.AssignRole, v => new AssignRole(v.Text(0), v.Text(1)))
            .Creates((at, by, v) => new RoleAssigned(at, by, v.Text(0), v.Text(1))),
        Type<SeverityChanged>("severityChanged")
            .Text("severity", e => e.Severity, Id, "the severity")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .IssuedBy(CommandKind.ChangeSeverity, v => new ChangeSeverity(v.Text(0), v.OptionalText(1)))
            .Creates((at, by, v) => new SeverityChanged(at, by, v.Text(0), v.OptionalText(1))),
        Type<StatusUpdatePosted>("statusUpdatePosted")
            .Choice("audience", e => e.Audience, "an audience")
            .Text("message", e => e.Message, Free, "the status update")
            .IssuedBy(CommandKind.PostStatusUpdate, v => new PostStatusUpdate(v.Choice<StatusAudience>(0), v.Text(1)))
            .Creates((at, by, v) => new StatusUpdatePosted(at, by, v.Choice<StatusAudience>(0), v.Text(1))),
        Type<ImpactRecorded>("impactRecorded")
            .Text("metric", e => e.Metric, Id, "the impact metric")
            .Decimal("value", e => e.Value)
            .OptionalText("unit", e => e.Unit, Id, "the unit")
            .IssuedBy(CommandKind.RecordImpact, v => new RecordImpact(v.Text(0), v.Decimal(1), v.OptionalText(2)))
            .Creates((at, by, v) => new ImpactRecorded(at, by, v.Text(0), v.Decimal(1), v.OptionalText(2))),
        Type<FlagRaised>("flagRaised")
            .Text("flag", e => e.Flag, Id, "the flag")
            .IssuedBy(CommandKind.RaiseFlag, v => new RaiseFlag(v.Text(0)))
            .Creates((at, by, v) => new FlagRaised(at, by, v.Text(0))),
        Type<Mitigated>("mitigated")
            .OptionalText("summary", e => e.Summary, Free, "the summary")
            .IssuedBy(CommandKind.Mitigate, v => new Mitigate(v.OptionalText(0)))
            .Creates((at, by, v) => new Mitigated(at, by, v.OptionalText(0))),
        Type<Resolved>("resolved")
            .OptionalText("summary", e => e.Summary, Free, "the summary")
            .IssuedBy(CommandKind.Resolve, v => new Resolve(v.OptionalText(0)))
            .Creates((at, by, v) => new Resolved(at, by, v.OptionalText(0))),
        Type<Reopened>("reopened")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .IssuedBy(CommandKind.Reopen, v => new Reopen(v.OptionalText(0)))
            .Creates((at, by, v) => new Reopened(at, by, v.OptionalText(0))),
        Type<PostMortemScheduled>("postMortemScheduled")
            .Instant("for", e => e.For, "the post-mortem's date")
            .IssuedBy(CommandKind.SchedulePostMortem, v => new SchedulePostMortem(v.Instant(0)))
            .Creates((at, by, v) => new PostMortemScheduled(at, by, v.Instant(0))),
        Type<PostMortemPublished>("postMortemPublished")
            .IssuedBy(CommandKind.PublishPostMortem, _ => new PublishPostMortem())
            .Creates((at, by, _) => new PostMortemPublished(at, by)),
        Type<ActionItemAdded>("actionItemAdded")
            .Text("id", e => e.Id, Id, "the action item id")
            .Text("action", e => e.Action, Free, "the action")
            .Text("owner", e => e.Owner, Id, "the owner")
            .Date("due", e => e.Due, "the due date")
            .IssuedBy(CommandKind.AddActionItem, v => new AddActionItem(v.Text(0), v.Text(1), v.Text(2), v.Date(3)))
            .Creates((at, by, v) => new ActionItemAdded(at, by, v.Text(0), v.Text(1), v.Text(2), v.Date(3))),
        Type<ActionItemCompleted>("actionItemCompleted")
            .Text("id", e => e.Id, Id, "the action item id")
            .IssuedBy(CommandKind.CompleteActionItem, v => new CompleteActionItem(v.Text(0)))
            .Creates((at, by, v) => new ActionItemCompleted(at, by, v.Text(0))),
        Type<ActionItemStatusChanged>("actionItemStatusChanged")
            .Text("id", e => e.Id, Id, "the action item id")
            .Choice("status", e => e.Status, "an action item status")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .IssuedBy(CommandKind.ChangeActionItemStatus, v => new ChangeActionItemStatus(v.Text(0), v.Choice<ActionItemStatus>(1), v.OptionalText(2)))
            .Creates((at, by, v) => new ActionItemStatusChanged(at, by, v.Text(0), v.Choice<ActionItemStatus>(1), v.OptionalText(2))),
        Type<Closed>("closed")
            .IssuedBy(CommandKind.Close, _ => new Close())
            .Creates((at, by, _) => new Closed(at, by)),
        Type<Declined>("declined")
            .OptionalText("reason", e => e.Reason, Free, "the reason")
            .IssuedBy(CommandKind.Decline, v => new Decline(v.OptionalText(0)))
            .Creates((at, by, v) => new Declined(at, by, v.OptionalText(0))),
        Type<Merged>("merged")
            .Text("into", e => e.Into, Id, "the incident to merge into", command: "incidentId")
            .IssuedBy(CommandKind.MergeInto, v => new MergeInto(v.Text(0)))
            .Creates((at, by, v) => new Merged(at, by, v.Text(0))),
        Type<NoteAdded>("noteAdded")
            .Text("text", e => e.Text, Free, "the note")
            .IssuedBy(CommandKind.AddNote, v => new AddNote(v.Text(0)))
            .Creates((at, by, v) => new NoteAdded(at, by, v.Text(0))),
        Type<NotificationSent>("notificationSent")
            .Text("key", e => e.Key, Id, "the obligation key")
            .Text("target", e => e.Target, Id, "the notification target")
            .IssuedBy(CommandKind.RecordNotification, v => new RecordNotification(v.Text(0), v.Text(1)))
            .Creates((at, by, v) => new NotificationSent(at, by, v.Text(0), v.Text(1))),
        Type<ReminderSent>("reminderSent")
            .Text("key", e => e.Key, Id, "the obligation key")
            .IssuedBy(CommandKind.RecordReminder, v => new RecordReminder(v.Text(0)))
            .Creates((at, by, v) => new ReminderSent(at, by, v.Text(0))),
        Type<ChannelCreated>("channelCreated")
            .Text("channel", e => e.Channel, Line, "the channel")
            .IssuedBy(CommandKind.RecordChannel, v => new RecordChannel(v.Text(0)))
            .Creates((at, by, v) => new ChannelCreated(at, by, v.Text(0))),
        Type<AlertJoined>("alertJoined")
            .Text("summary", e => e.Summary, Free, "the alert summary")
            .Text("dedupKey", e => e.DedupKey, Key, "the dedup key")
            .OptionalText("severity", e => e.Severity, Id, "the severity")
            .IssuedBy(CommandKind.JoinAlert, v => new JoinAlert(v.Text(0), v.Text(1), v.OptionalText(2)))
            .Creates((at, by, v) => new AlertJoined(at, by, v.Text(0), v.Text(1), v.OptionalText(2))),
        Type<AlertCleared>("alertCleared")
            .Text("dedupKey", e => e.DedupKey, Key, "the dedup key")
            .IssuedBy(CommandKind.ClearAlert, v => new ClearAlert(v.Text(0)))
            .Creates((at, by, v) => new AlertCleared(at, by, v.Text(0))),
        Type<PolicyAdopted>("policyAdopted")
            .Text("policyHash", e => e.PolicyHash, Id, "the policy hash")
            .IssuedBy(CommandKind.AdoptPolicy, v => new AdoptPolicy(v.Text(0)))
            .Creates((at, by, v) => new PolicyAdopted(at, by, v.Text(0))),
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

    /// <summary>Collects one entry's fields in the record's order and its command; <see cref="Creates"/> ends the entry.</summary>
    private sealed class Builder<TEvent>(string name)
        where TEvent : IncidentEvent
    {
        private readonly List<EventField> _fields = [];
        private Func<EventType, CommandType>? _command;

        /// <summary>A required string, checked as <paramref name="shape"/> and named <paramref name="what"/>;
        /// <paramref name="command"/> is the command's name for it when that is not <paramref name="field"/>.</summary>
        public Builder<TEvent> Text(string field, Func<TEvent, string> get, StorableText.Shape shape, string what, string? command = null) =>
            Add(EventField.ForText(field, get, optional: false, shape, what, new FieldOrigin(CommandName: command)));

        /// <summary>A string that may be null; checked as <paramref name="shape"/>.</summary>
        public Builder<TEvent> OptionalText(string field, Func<TEvent, string?> get, StorableText.Shape shape, string what) =>
            Add(EventField.ForText(field, get, optional: true, shape, what));

        /// <summary>A string that may be null, added to the log's format after logs were written: the writer leaves it
        /// out when it is null, so that those logs are written back byte for byte.</summary>
        public Builder<TEvent> AddedText(string field, Func<TEvent, string?> get, StorableText.Shape shape, string what) =>
            Add(EventField.ForText(field, get, optional: true, shape, what, new FieldOrigin(OmittedWhenNull: true)));

        /// <summary>A string that may be null which <see cref="Incident.Apply"/> sets itself; not checked, carried by no
        /// command.</summary>
        public Builder<TEvent> LibraryText(string field, Func<TEvent, string?> get) =>
            Add(EventField.ForText(field, get, optional: true, null, null, new FieldOrigin(SetByLibrary: true)));

        public Builder<TEvent> Instant(string field, Func<TEvent, Instant> get, string what) => Add(EventField.ForInstant(field, get, what));

        public Builder<TEvent> Date(string field, Func<TEvent, LocalDate> get, string what) => Add(EventField.ForDate(field, get, what));

        public Builder<TEvent> Decimal(string field, Func<TEvent, decimal> get) => Add(EventField.ForDecimal(field, get));

        /// <summary>An enum value; <paramref name="noun"/> names one in reasons (<c>an audience</c>).</summary>
        public Builder<TEvent> Choice<TEnum>(string field, Func<TEvent, TEnum> get, string noun)
            where TEnum : struct, Enum => Add(EventField.ForChoice(field, get, noun));

        /// <summary>The command whose acceptance records the event: it carries every field the library does not set,
        /// in the event's order, and is made with <paramref name="create"/> from their values by position.</summary>
        public Builder<TEvent> IssuedBy<TCommand>(CommandKind kind, Func<EventValues, TCommand> create)
            where TCommand : IncidentCommand
        {
            _command = type => new CommandType(kind, typeof(TCommand), type, values => create(values));
            return this;
        }

        /// <summary>The entry, making events with <paramref name="create"/> from the fields' values by position.</summary>
        public EventType Creates(Func<Instant, string, EventValues, TEvent> create) =>
            new(name, typeof(TEvent), [.. _fields], create, _command);

        private Builder<TEvent> Add(EventField field)
        {
            _fields.Add(field);
            return this;
        }
    }
}
