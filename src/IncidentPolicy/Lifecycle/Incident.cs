using System.Collections.Immutable;
using NodaTime;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// An incident: an event-sourced aggregate whose state is a fold of its events under a policy. Commands go
/// through <see cref="Apply"/>, which checks them against the lifecycle, the seed's rules and the policy's
/// permissions and answers with a value — accepted, rejected or a version conflict — never an exception.
/// </summary>
/// <remarks>
/// <para>Open one with <see cref="Raise"/>, rebuild one from its log with
/// <see cref="Replay(ResponsePolicy, string, IEnumerable{IncidentEvent})"/>, or audit real history with
/// <see cref="ReplayLenient"/>. The log is the source of truth; <see cref="Version"/> counts its events.</para>
/// <para>Instances are immutable and thread-safe: <see cref="Apply"/> returns a new incident and leaves this one
/// as it was. Two incidents are equal when they have the same id, policy and events.</para>
/// </remarks>
public sealed partial class Incident : IEquatable<Incident>
{
    private LifecycleState _state;
    private EventLog _events;
    private ImmutableList<RoleAssignment> _roles;
    private ImmutableList<ImpactFigure> _impacts;
    private ImmutableList<string> _flags;
    private ImmutableList<ActionItem> _actionItems;

    // Lookups beside the lists, so that folding a long log costs the same per event at its end as at its start.
    private ImmutableHashSet<(string? Role, string? Person)> _roleSet;
    private ImmutableDictionary<string, ImmutableList<string>> _rolesByPerson;
    private ImmutableDictionary<string, int> _impactIndex;
    private ImmutableHashSet<string> _flagSet;
    private ImmutableDictionary<string, int> _actionItemIndex;
    private string? _firstOnCall;
    private bool _restricted;
    private IncidentMemo? _memo;

    private Incident(ResponsePolicy policy, string id)
    {
        Policy = policy;
        Id = id;
        _state = LifecycleState.Start;
        _events = EventLog.Empty;
        _roles = [];
        _impacts = [];
        _flags = [];
        _actionItems = [];
        _roleSet = [];
        _rolesByPerson = ImmutableDictionary.Create<string, ImmutableList<string>>(StringComparer.Ordinal);
        _impactIndex = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
        _flagSet = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
        _actionItemIndex = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
        Summary = "";
    }

    /// <summary>What a floor above works out from this incident instance and keeps with it (<see cref="IncidentMemo"/>);
    /// never read here. Volatile, so a memo written by one thread is seen whole by another.</summary>
    internal IncidentMemo? Memo
    {
        get => Volatile.Read(ref _memo);
        set => Volatile.Write(ref _memo, value);
    }

    /// <summary>The incident's id, chosen by the host (e.g. <c>INC-2026-0529-01</c>).</summary>
    public string Id { get; }

    /// <summary>The policy the incident is governed by.</summary>
    public ResponsePolicy Policy { get; }

    /// <summary>The number of events: 1 after the alert, one more per accepted command.</summary>
    public int Version => _events.Count;

    /// <summary>The most bytes the log takes as written, counted as <see cref="Limits.MaxLogBytes"/> says.</summary>
    internal long StoredBytes { get; private set; }

    /// <summary>The events, oldest first: the incident's log.</summary>
    public IReadOnlyList<IncidentEvent> Events => _events;

    /// <summary>Where the incident is in its lifecycle.</summary>
    public IncidentStatus Status => (IncidentStatus)((int)_state - 1);

    /// <summary>What the alert said.</summary>
    public string Summary { get; private set; }

    /// <summary>The affected service, when the alert named one.</summary>
    public string? Service { get; private set; }

    /// <summary>The title given when the incident was declared, or <see langword="null"/>.</summary>
    public string? Title { get; private set; }

    /// <summary>The current severity id, or <see langword="null"/> before one is assessed.</summary>
    public string? SeverityId { get; private set; }

    /// <summary>The current severity level, or <see langword="null"/> before one is assessed (or when a leniently
    /// replayed log names a severity the policy does not have).</summary>
    public SeverityLevel? Severity => SeverityId is { } id ? Policy.Severities.Find(id) : null;

    /// <summary>The content hash of the policy the incident is governed by, as its log recorded it: the one in force at
    /// the alert (<c>alertFired</c>), or the one it last adopted (<c>policyAdopted</c>, see <see cref="Adopt"/>).</summary>
    public string? PolicyHash { get; private set; }

    /// <summary>The dedup key the opening alert came with, or <see langword="null"/>: while the incident is open, an
    /// alert with this key joins it (<see cref="JoinAlert"/>) and a clear with it is recorded (<see cref="ClearAlert"/>).</summary>
    public string? DedupKey { get; private set; }

    /// <summary>How many alerts joined the incident after the one that opened it (<c>alertJoined</c> events).</summary>
    public int JoinedAlerts { get; private set; }

    /// <summary>When the alert source last said the alert cleared (<c>alertCleared</c>), or <see langword="null"/> when
    /// it has not, or an alert joined since (the source fired again). A cleared source does not resolve the incident.</summary>
    public Instant? AlertClearedAt { get; private set; }

    /// <summary>When the alert fired.</summary>
    public Instant AlertAt { get; private set; }

    /// <summary>The instant of the last event; a command may not be earlier.</summary>
    public Instant LastEventAt { get; private set; }

    /// <summary>When the alert was first acknowledged.</summary>
    public Instant? AcknowledgedAt { get; private set; }

    /// <summary>Who acknowledged: the incident's on-call responder.</summary>
    public string? AcknowledgedBy { get; private set; }

    /// <summary>When the incident was first declared.</summary>
    public Instant? DeclaredAt { get; private set; }

    /// <summary>When the impact was (last) mitigated.</summary>
    public Instant? MitigatedAt { get; private set; }

    /// <summary>When the incident was resolved; cleared by a reopen.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>When the incident was closed.</summary>
    public Instant? ClosedAt { get; private set; }

    /// <summary>The current Incident Commander's person id, or <see langword="null"/>.</summary>
    public string? Commander { get; private set; }

    /// <summary>People holding roles in the incident, in the order assigned.</summary>
    public IReadOnlyList<RoleAssignment> RoleAssignments => _roles;

    /// <summary>The latest figure of each impact metric, in the order first recorded.</summary>
    public IReadOnlyList<ImpactFigure> Impacts => _impacts;

    /// <summary>Flags raised, in the order raised.</summary>
    public IReadOnlyList<string> Flags => _flags;

    /// <summary>When the post-mortem meeting is scheduled for, once scheduled.</summary>
    public Instant? PostMortemScheduledFor { get; private set; }

    /// <summary>When the post-mortem was published, once published.</summary>
    public Instant? PostMortemPublishedAt { get; private set; }

    /// <summary>Post-mortem action items, in the order added.</summary>
    public IReadOnlyList<ActionItem> ActionItems => _actionItems;

    /// <summary>The incident this one was merged into, when merged.</summary>
    public string? MergedInto { get; private set; }

    /// <summary>The incident's on-call responder: whoever acknowledged, else the first person assigned
    /// <c>on-call-engineer</c>; <see langword="null"/> when there is none yet.</summary>
    public string? OnCallResponder => AcknowledgedBy ?? _firstOnCall;

    /// <summary>Whether a restricting flag of the policy (e.g. <c>dataBreachSuspected</c>) has been raised.</summary>
    public bool IsRestricted => _restricted;

    /// <summary>Everyone who took part: who issued any event, the commander and everyone assigned a role.</summary>
    public IReadOnlySet<string> Participants =>
        _events.Select(e => e.By).Concat(_roles.Select(r => r.Person)).Concat(Commander is { } c ? [c] : [])
            .ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>The incident channel's name from the policy's pattern, like <c>#inc-2026-05-29-checkout-errors</c>:
    /// the alert's date in the policy zone and a slug of the title (of the alert's summary before a title is given).</summary>
    public string ChannelName => ChannelNames.Format(this);

    /// <summary>The commands the current state allows, before guards and permissions are checked — what a bot can
    /// offer as next steps.</summary>
    public IReadOnlyList<CommandKind> PermittedCommands => LifecycleTable.CommandsFrom(_state);

    /// <summary>
    /// Opens an incident with its alert. The policy's content hash is recorded in the <c>alertFired</c> event.
    /// </summary>
    /// <param name="policy">The policy governing the incident.</param>
    /// <param name="incidentId">The incident's id; not blank.</param>
    /// <param name="alert">The alert.</param>
    /// <param name="actor">Who raised it (a monitoring system or a person).</param>
    /// <param name="now">When the alert fired.</param>
    /// <returns>Accepted with the new incident at version 1, or rejected (unknown severity, blank summary, …).</returns>
    /// <exception cref="ArgumentException"><paramref name="incidentId"/> is blank, or is not an id the event log can
    /// store (<see cref="Limits"/>: valid Unicode, no control characters, at most <see cref="Limits.MaxIdLength"/>
    /// characters).</exception>
    public static ApplyResult Raise(ResponsePolicy policy, string incidentId, RaiseAlert alert, Actor actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        if (StorableText.Check(incidentId, StorableText.Shape.Id, "the incident id") is { } reason)
        {
            throw new ArgumentException(reason, nameof(incidentId));
        }

        return new Incident(policy, incidentId).Apply(alert, actor, now, expectedVersion: 0);
    }

    /// <summary>
    /// Applies a command: checks the expected version, the command's instant, the actor, the command's data, the
    /// policy's permissions and the lifecycle's guards, and on success returns the new incident and the event to
    /// append to the log.
    /// </summary>
    /// <param name="command">What to do.</param>
    /// <param name="actor">Who does it.</param>
    /// <param name="now">When; not before the incident's last event.</param>
    /// <param name="expectedVersion">The version the caller last saw; a different current version is a conflict.</param>
    /// <returns>Accepted, rejected (with code, reason and rule id) or conflict. A command whose event the log could not
    /// store and read back unchanged — <paramref name="now"/> or a date outside <see cref="Limits"/>' range, text that is
    /// not valid Unicode or holds control characters, a log past <see cref="Limits.MaxEvents"/> or
    /// <see cref="Limits.MaxLogBytes"/> — is rejected with <see cref="RuleIds.Storable"/>.</returns>
    public ApplyResult Apply(IncidentCommand command, Actor actor, Instant now, int expectedVersion) =>
        ApplyUnder(command, actor, now, expectedVersion, adopting: null);

    /// <summary>
    /// Migrates the incident to <paramref name="policy"/>: applies <see cref="AdoptPolicy"/> with its content hash —
    /// checked like any command under the policy the incident is governed by now (version, permissions, state) — and
    /// answers the incident rebuilt from its log under <paramref name="policy"/>, which governs it from then on.
    /// </summary>
    /// <remarks>
    /// <para>An incident keeps the policy it was opened under until it adopts another: a host that loads a new policy
    /// opens new incidents under it and migrates open ones explicitly. Its log records the adoption
    /// (<c>policyAdopted</c>), <see cref="PolicyHash"/> becomes the new hash, and
    /// <see cref="Replay(ResponsePolicy, string, IEnumerable{IncidentEvent})"/> of that log must then be given the last
    /// adopted policy. Events before the adoption are judged again under the new policy when the log is rebuilt; when
    /// one does not hold under it (a severity the new policy lacks, say), the adoption is rejected and nothing
    /// changes.</para>
    /// </remarks>
    /// <param name="policy">The policy to adopt.</param>
    /// <param name="actor">Who migrates the incident.</param>
    /// <param name="now">When; not before the incident's last event.</param>
    /// <param name="expectedVersion">The version the caller last saw; a different current version is a conflict.</param>
    /// <returns>Accepted with the incident governed by <paramref name="policy"/>, rejected (with
    /// <see cref="RuleIds.PolicyAdopted"/> when the log does not hold under the new policy) or conflict.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ApplyResult Adopt(ResponsePolicy policy, Actor actor, Instant now, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var result = ApplyUnder(new AdoptPolicy(policy.ContentHash), actor, now, expectedVersion, adopting: policy);
        if (!result.IsAccepted)
        {
            return result;
        }

        try
        {
            return ApplyResult.Accepted(Replay(policy, Id, result.Incident.Events), result.Event);
        }
        catch (ReplayException e)
        {
            return ApplyResult.Rejected(this, new Rejection(
                RejectionCode.GuardFailed,
                $"The incident's log does not hold under policy {policy.ContentHash}: event {e.EventIndex}: {e.Rejection.Reason}",
                RuleIds.PolicyAdopted));
        }
    }

    private ApplyResult ApplyUnder(IncidentCommand command, Actor actor, Instant now, int expectedVersion, ResponsePolicy? adopting)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (expectedVersion != Version)
        {
            return ApplyResult.Conflict(this, expectedVersion);
        }

        if (_state == LifecycleState.Start && command is not RaiseAlert)
        {
            return ApplyResult.Rejected(this, new Rejection(
                RejectionCode.InvalidTransition, "An incident starts with its alert.", RuleIds.Transition));
        }

        var @event = command.ToEvent(now, actor.Id);
        if (@event is AlertFired fired)
        {
            @event = fired with { PolicyHash = Policy.ContentHash };
        }

        var (rejection, next) = Engine.Step(this, @event, actor);
        rejection ??= StorableEvent.Check(this, @event);
        if (rejection is null && @event is PolicyAdopted adopted && adopting is null && adopted.PolicyHash != Policy.ContentHash)
        {
            rejection = new Rejection(
                RejectionCode.InvalidCommand,
                $"The incident is governed by policy {Policy.ContentHash}, not {adopted.PolicyHash}: adopt another policy with Incident.Adopt, which takes the policy itself.",
                RuleIds.PolicyAdopted);
        }

        return rejection is null
            ? ApplyResult.Accepted(Evolve(@event, next), @event)
            : ApplyResult.Rejected(this, rejection);
    }

    /// <summary>
    /// Rebuilds an incident from its log, checking every event as <see cref="Apply"/> would — except the checks
    /// that need the actor's organisation roles (permissions, who may resolve), which the log does not record.
    /// Replaying the events that <see cref="Apply"/> produced gives an equal incident.
    /// </summary>
    /// <param name="policy">The policy governing the incident.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="events">The log, oldest first; the first event must be <c>alertFired</c>.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="ReplayException">An event is one the lifecycle would have rejected; names its index and rule.
    /// Also when the log adopted a policy (<c>policyAdopted</c>) and <paramref name="policy"/> is not the last one it
    /// adopted (rule <see cref="RuleIds.PolicyAdopted"/>, at that event): a log without an adoption may be replayed
    /// under any policy, and an audit says whether it is the one the alert recorded.</exception>
    public static Incident Replay(ResponsePolicy policy, string incidentId, IEnumerable<IncidentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(events);
        var incident = new Incident(policy, incidentId);
        var index = 0;
        var lastAdoption = -1;
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            var (rejection, next) = Engine.Step(incident, @event, actor: null);
            if (rejection is not null)
            {
                throw new ReplayException(index, rejection);
            }

            if (@event is PolicyAdopted)
            {
                lastAdoption = index;
            }

            incident = incident.Evolve(@event, next);
            index++;
        }

        if (index == 0)
        {
            throw new ReplayException(0, new Rejection(RejectionCode.InvalidTransition, "The log is empty; it must start with alertFired.", RuleIds.Transition));
        }

        if (lastAdoption >= 0 && incident.PolicyHash != policy.ContentHash)
        {
            throw new ReplayException(lastAdoption, new Rejection(
                RejectionCode.InvalidCommand,
                $"The log adopted policy {incident.PolicyHash}; replay it under that policy, not {policy.ContentHash}.",
                RuleIds.PolicyAdopted));
        }

        return incident;
    }

    /// <summary>
    /// Rebuilds an incident from real history for an audit: every event is applied, and each rule it breaks is
    /// recorded as a <see cref="Violation"/> instead of stopping the replay — a resolve by someone who was not the
    /// commander, a close without the required post-mortem, a command in the wrong state, time going backwards.
    /// </summary>
    /// <param name="policy">The policy to audit against.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="events">The log, oldest first.</param>
    /// <returns>The incident and the violations, in log order.</returns>
    public static ReplayResult ReplayLenient(ResponsePolicy policy, string incidentId, IEnumerable<IncidentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(events);
        var incident = new Incident(policy, incidentId);
        var violations = new List<Violation>();
        var index = 0;
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            var next = Engine.StepLeniently(incident, @event, index, violations);
            incident = incident.Evolve(@event, next);
            index++;
        }

        return new ReplayResult(incident, violations.AsReadOnly());
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may see this incident. Anyone may, unless a restricting flag (by default
    /// <c>dataBreachSuspected</c> or <c>restricted</c>) is raised: then only participants and the policy's
    /// restricted viewer roles (by default the security team and managers) may.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <returns><see langword="true"/> when the actor may see the incident.</returns>
    public bool CanView(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return !IsRestricted
            || Participants.Contains(actor.Id)
            || actor.Roles.Any(r => Policy.Lifecycle.RestrictedViewerRoles.Contains(r, StringComparer.Ordinal));
    }

    /// <summary>The roles <paramref name="person"/> holds in this incident: <c>incident-commander</c> for the commander,
    /// <c>on-call-engineer</c> for whoever acknowledged, and every role assigned to them.</summary>
    /// <param name="person">A person id.</param>
    /// <returns>The role ids, without duplicates.</returns>
    public IReadOnlyList<string> IncidentRolesOf(string person)
    {
        var roles = new List<string>(2);
        if (person == Commander)
        {
            roles.Add(LifecycleRules.CommanderRole);
        }

        if (person == AcknowledgedBy)
        {
            roles.Add(LifecycleRules.OnCallRole);
        }

        if (person is not null && _rolesByPerson.TryGetValue(person, out var held))
        {
            foreach (var role in held)
            {
                if (!roles.Contains(role))
                {
                    roles.Add(role);
                }
            }
        }

        return roles;
    }

    /// <inheritdoc/>
    public bool Equals(Incident? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Id == other.Id && ReferenceEquals(Policy, other.Policy) && _events.SequenceEqual(other._events)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Incident);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Version, LastEventAt);

    /// <summary>One line: <c>INC-1 SEV-1 investigating v5 "checkout errors" commander sarah</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Id} {SeverityId ?? "(no severity)"} {HumanText.CamelCase(Status)} v{Version} \"{Title ?? Summary}\""
        + (Commander is { } c ? $" commander {c}" : "");

    internal static string Describe(CommandKind command) => HumanText.Words(HumanText.CamelCase(command));
}
