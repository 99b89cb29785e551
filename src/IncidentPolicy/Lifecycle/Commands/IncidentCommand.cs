using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Something a person (or a host on their behalf) asks an incident to do. Pass it to
/// <c>Incident.Apply</c> with the actor and the instant; an accepted command becomes the
/// <see cref="IncidentEvent"/> of the same meaning.
/// </summary>
/// <remarks>
/// <para><b>Names.</b> A command is a request, so — unlike the library's other types, which are nouns — each is named
/// in the imperative, as the person would ask for it: a verb, then what it acts on. The whole set follows that form,
/// and each command has the <see cref="CommandKind"/> of the same name (the key of the policy's permission table,
/// camelCase in policy files: <c>assignRole</c>). An accepted command becomes the <see cref="IncidentEvent"/> that
/// states the fact in the past tense, which is what event logs store:</para>
/// <list type="table">
/// <listheader><term>Command</term><description>Event</description></listheader>
/// <item><term><see cref="RaiseAlert"/></term><description><see cref="AlertFired"/> (an alert fires)</description></item>
/// <item><term><see cref="Acknowledge"/></term><description><see cref="Acknowledged"/></description></item>
/// <item><term><see cref="Declare"/></term><description><see cref="Declared"/></description></item>
/// <item><term><see cref="AssignCommander"/></term><description><see cref="CommanderAssigned"/></description></item>
/// <item><term><see cref="AssignRole"/></term><description><see cref="RoleAssigned"/></description></item>
/// <item><term><see cref="ChangeSeverity"/></term><description><see cref="SeverityChanged"/></description></item>
/// <item><term><see cref="PostStatusUpdate"/></term><description><see cref="StatusUpdatePosted"/></description></item>
/// <item><term><see cref="RecordImpact"/></term><description><see cref="ImpactRecorded"/></description></item>
/// <item><term><see cref="RaiseFlag"/></term><description><see cref="FlagRaised"/></description></item>
/// <item><term><see cref="Mitigate"/></term><description><see cref="Mitigated"/></description></item>
/// <item><term><see cref="Resolve"/></term><description><see cref="Resolved"/></description></item>
/// <item><term><see cref="Reopen"/></term><description><see cref="Reopened"/></description></item>
/// <item><term><see cref="SchedulePostMortem"/></term><description><see cref="PostMortemScheduled"/></description></item>
/// <item><term><see cref="PublishPostMortem"/></term><description><see cref="PostMortemPublished"/></description></item>
/// <item><term><see cref="AddActionItem"/></term><description><see cref="ActionItemAdded"/></description></item>
/// <item><term><see cref="CompleteActionItem"/></term><description><see cref="ActionItemCompleted"/></description></item>
/// <item><term><see cref="ChangeActionItemStatus"/></term><description><see cref="ActionItemStatusChanged"/></description></item>
/// <item><term><see cref="Close"/></term><description><see cref="Closed"/></description></item>
/// <item><term><see cref="Decline"/></term><description><see cref="Declined"/></description></item>
/// <item><term><see cref="MergeInto"/></term><description><see cref="Merged"/></description></item>
/// <item><term><see cref="AddNote"/></term><description><see cref="NoteAdded"/></description></item>
/// <item><term><see cref="RecordNotification"/></term><description><see cref="NotificationSent"/> (the host sent it)</description></item>
/// <item><term><see cref="RecordReminder"/></term><description><see cref="ReminderSent"/> (the host sent it)</description></item>
/// <item><term><see cref="RecordChannel"/></term><description><see cref="ChannelCreated"/> (the host created it)</description></item>
/// <item><term><see cref="JoinAlert"/></term><description><see cref="AlertJoined"/> (an alert with the incident's dedup key fired again)</description></item>
/// <item><term><see cref="ClearAlert"/></term><description><see cref="AlertCleared"/> (the alert source cleared it)</description></item>
/// <item><term><see cref="AdoptPolicy"/></term><description><see cref="PolicyAdopted"/> (see <see cref="Incident.Adopt"/>)</description></item>
/// </list>
/// <para>Every command has one JSON form, <c>Serialization.IncidentCommandJson</c>, for hosts that carry commands across a
/// process boundary.</para>
/// <para>A command's properties name what it carries (<c>Severity</c>, <c>Reason</c>, <c>Person</c>). Where a
/// command takes two texts of the same kind, write the arguments by name:
/// <c>new AssignRole(Role: "comms-lead", Person: "maria")</c>.</para>
/// <para>Commands are immutable records and thread-safe. They carry no actor or time: those are given
/// to <c>Incident.Apply</c>.</para>
/// </remarks>
public abstract record IncidentCommand
{
    private protected IncidentCommand()
    {
    }

    /// <summary>Which command this is; the key of the policy's permission table.</summary>
    public abstract CommandKind Kind { get; }

    internal abstract IncidentEvent ToEvent(Instant at, string by);
}
