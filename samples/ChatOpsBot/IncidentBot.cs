using System.Text;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;

namespace ChatOpsBot;

/// <summary>
/// The bot: chat commands go through <c>Apply</c> and their events are appended to the incident's log (flushed to
/// disk before the reply); after each event, and at each wake-up, what is due and not yet done is sent and logged.
/// </summary>
/// <remarks>
/// <para>The logs are the only state that matters: the in-memory incidents are a cache, rebuilt by
/// <see cref="Start"/>, refreshed on a version conflict, and never trusted for deciding what was sent — that is decided
/// under the log's lock from the log itself, so two bots over the same folder never both send.</para>
/// <para>Thread-safe: commands may arrive on several threads.</para>
/// </remarks>
internal sealed class IncidentBot
{
    /// <summary>How far behind an incident's last event a bot's clock may be and still stamp a command at that event:
    /// the milliseconds by which two bots' clocks differ, not a wrong clock.</summary>
    private static readonly Duration ClockSkewTolerance = Duration.FromSeconds(1);

    /// <summary>The id the bot records its own events under.</summary>
    public const string BotId = "chatops-bot";

    private readonly Actor _botActor;
    private readonly ResponsePolicy _policy;
    private readonly EventStore _store;
    private readonly Team _team;
    private readonly IMessenger _messenger;
    private readonly IClock _clock;
    private readonly ChatCommandParser _parser;
    private readonly Dispatcher _dispatcher;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _wakeUps = new(StringComparer.Ordinal);

    public IncidentBot(ResponsePolicy policy, EventStore store, Team team, IMessenger messenger, IClock clock)
    {
        _policy = policy;
        _botActor = BotActorFor(policy);
        _store = store;
        _team = team;
        _messenger = messenger;
        _clock = clock;
        _parser = new ChatCommandParser(policy);
        _dispatcher = new Dispatcher(team);
    }

    /// <summary>The actor the bot records its pages and reminders as. A policy may keep recording them to role holders
    /// (a policy file without permissions does: nobody without a role may mark a page as sent), so the bot holds the
    /// first of the policy's roles that may record both; no role when anyone may.</summary>
    internal static Actor BotActorFor(ResponsePolicy policy)
    {
        var permissions = policy.Lifecycle.Permissions;
        var notify = permissions.RolesFor(CommandKind.RecordNotification);
        var remind = permissions.RolesFor(CommandKind.RecordReminder);
        if (notify is null && remind is null)
        {
            return new Actor(BotId);
        }

        var role = policy.Roles.Select(r => r.Id).FirstOrDefault(r => (notify is null || notify.Contains(r)) && (remind is null || remind.Contains(r)));
        return role is null ? new Actor(BotId) : new Actor(BotId, role);
    }

    /// <summary>The incidents the bot knows, by id (a snapshot).</summary>
    public IReadOnlyDictionary<string, Incident> Incidents
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, Incident>(_incidents, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The earliest wake-up of any incident, as each incident's last dispatch evaluated it, or null when only
    /// a new command changes anything.</summary>
    /// <remarks>Kept from the dispatch rather than evaluated afresh: an obligation that fell due while a command was
    /// being handled lies before "now" by the time the loop asks, and a fresh evaluation would skip past it. A wake-up
    /// in the past makes the loop tick at once.</remarks>
    public Instant? NextWakeUp
    {
        get
        {
            lock (_gate)
            {
                return _wakeUps.Count == 0 ? null : _wakeUps.Values.Min();
            }
        }
    }

    /// <summary>Replays every log in the folder — reporting torn last lines and broken logs — and catches up on what
    /// fell due while the bot was down.</summary>
    public void Start() => Tick();

    /// <summary>Acts on what is due now in every incident of the folder (including ones another bot opened).</summary>
    public void Tick()
    {
        var now = _clock.GetCurrentInstant();
        foreach (var id in _store.IncidentIds())
        {
            try
            {
                Dispatch(id, now);
            }
            catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException)
            {
                // The next wake-up or command tries again; the log says what is still to do.
                Send(MessageKind.Notice, "ops", id, null, $"cannot act on the incident now: {e.Message}");
            }
        }
    }

    /// <summary>Handles one line of chat input.</summary>
    public void Handle(string text, string? defaultUser = null)
    {
        if (!ChatLine.TryParse(text, defaultUser, out var line, out var error))
        {
            Send(MessageKind.Reply, "?", null, null, error!.ToString());
            return;
        }

        Handle(line);
    }

    /// <summary>Handles one parsed line of chat input, at the clock's current instant.</summary>
    public void Handle(ChatLine line)
    {
        var now = _clock.GetCurrentInstant();
        try
        {
            Handle(line, now);
        }
        catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException)
        {
            Reply(now, "@" + line.User, line.IncidentId, null, $"✗ the incident log is busy or cannot be written ({e.Message}); see /status before trying again");
        }
    }

    private void Handle(ChatLine line, Instant now)
    {
        var user = "@" + line.User;
        if (!_parser.TryParse(line.Text, out var command, out var error))
        {
            Reply(now, user, null, null, error!.ToString());
            return;
        }

        switch (command)
        {
            case Query { Kind: QueryKind.Help }:
                Reply(now, user, null, null, ChatCommandParser.Help);
                break;
            case OpenIncident open:
                Open(line.User, open.Alert, now);
                break;
            case Query query:
                Answer(line, query.Kind, now);
                break;
            case ApplyCommand apply:
                Execute(line, apply.Command, now);
                break;
        }
    }

    private void Open(string user, RaiseAlert alert, Instant now)
    {
        var actor = _team.ActorFor(user, _policy, now);
        var date = now.InZone(_policy.Calendar.Zone).Date;
        for (var n = 1; n < 1000; n++)
        {
            var id = $"INC-{date:yyyy-MM-dd}-{n:00}";
            var raised = Incident.Raise(_policy, id, alert, actor, now);
            if (!raised.IsAccepted)
            {
                Reply(now, "@" + user, null, null, Rejected(raised));
                return;
            }

            // Claiming the file is what makes the id ours: another bot may be opening an incident the same day.
            using (var log = _store.TryCreate(id))
            {
                if (log is null)
                {
                    continue;
                }

                log.Append([raised.Event]);
                Remember(raised.Incident);
            }

            Reply(now, "@" + user, id, null, $"✓ opened {raised.Incident} in {raised.Incident.ChannelName}");
            Dispatch(id, now);
            return;
        }

        Reply(now, "@" + user, null, null, "✗ too many incidents today");
    }

    private void Execute(ChatLine line, IncidentCommand command, Instant now)
    {
        var user = "@" + line.User;
        var actor = _team.ActorFor(line.User, _policy, now);
        var incident = Find(line.IncidentId, actor);
        if (incident is null || !incident.CanView(actor))
        {
            Reply(now, user, null, null, NoIncident(line.IncidentId));
            return;
        }

        // The instant is read again once the incident is loaded: another bot may have appended an event after this
        // line's instant was read. Bots' clocks can also differ by a few milliseconds (each runs from its own start
        // reading), and an event is never before the incident's last one, so a command up to a second behind the last
        // event is stamped at it; a clock further behind is wrong, and the command is rejected (time.order).
        now = Instant.Max(now, _clock.GetCurrentInstant());
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (now < incident.LastEventAt && incident.LastEventAt - now <= ClockSkewTolerance)
            {
                now = incident.LastEventAt;
            }

            var result = incident.Apply(command, actor, now, incident.Version);
            if (!result.IsAccepted)
            {
                Reply(now, user, incident.Id, null, Rejected(result));
                return;
            }

            var append = _store.Append(incident.Id, incident.Version, [result.Event]);
            if (append.Appended)
            {
                Remember(result.Incident);
                Reply(now, user, incident.Id, null, $"✓ {result.Event.Type} — {result.Incident}");
                Dispatch(incident.Id, now);
                return;
            }

            if (append.Broken is not null || Replay(incident.Id, append.Events) is not { } fresh)
            {
                Reply(now, user, incident.Id, null, $"✗ the log of {incident.Id} cannot be read; nothing was recorded");
                return;
            }

            // Someone else appended first: look at the incident as it now is and try once more, at a fresh instant, as
            // the winner's event may be later than the instant this command was first tried at.
            incident = fresh;
            now = _clock.GetCurrentInstant();
        }

        Reply(now, user, incident.Id, null, $"✗ conflict: {incident.Id} kept changing while your command was applied; nothing was recorded, please try again");
        Send(MessageKind.Notice, "ops", incident.Id, null, $"conflict: {line.User}'s {command.Kind} lost the race twice");
    }

    private void Answer(ChatLine line, QueryKind kind, Instant now)
    {
        var user = "@" + line.User;
        var actor = _team.ActorFor(line.User, _policy, now);
        var id = line.IncidentId ?? Find(null, actor)?.Id;
        var incident = id is not null && _store.IncidentIds().Contains(id) ? Refresh(id) : null;
        if (incident is null || !incident.CanView(actor))
        {
            // A restricted incident shows nothing to others, not even that it exists.
            Reply(now, user, null, null, NoIncident(line.IncidentId));
            return;
        }

        Reply(now, user, incident.Id, null, kind == QueryKind.Status ? Status(incident, now) : Who(incident));
    }

    private string Status(Incident incident, Instant now)
    {
        var evaluation = _policy.Evaluate(incident, now);
        var text = new StringBuilder($"{incident} in {incident.ChannelName}");
        foreach (var obligation in evaluation.Obligations.Where(o => o.State is IncidentPolicy.Obligations.ObligationState.Pending or IncidentPolicy.Obligations.ObligationState.Overdue))
        {
            text.Append("\n    ").Append(obligation);
        }

        text.Append("\n    next wake-up ").Append(evaluation.NextWakeUp is { } w ? TextFormats.Format(w) : "none");
        return text.ToString();
    }

    private static string Who(Incident incident)
    {
        var text = new StringBuilder($"{incident.Id}: commander {incident.Commander ?? "(none)"}, on-call responder {incident.OnCallResponder ?? "(none)"}");
        foreach (var role in incident.RoleAssignments)
        {
            text.Append($", {role.Role} {role.Person}");
        }

        text.Append("\n    participants ").AppendJoin(", ", incident.Participants);
        return text.ToString();
    }

    /// <summary>Under the log's lock: reads the log, evaluates, and for each due action not yet in the log sends it
    /// and appends its record right away, flushed, so the window between sending and logging is one message.</summary>
    private void Dispatch(string id, Instant now)
    {
        using var log = _store.Lock(id);
        if (Load(log) is not { } incident)
        {
            return;
        }

        foreach (var action in _dispatcher.Plan(incident, _policy.Evaluate(incident, now), now))
        {
            var recorded = incident.Apply(action.Record, _botActor, now, incident.Version);
            if (!recorded.IsAccepted)
            {
                Send(MessageKind.Notice, "ops", id, action.Message.Key, $"cannot record {action.Record.Kind}: {recorded}");
                continue;
            }

            _messenger.Send(action.Message);
            log.Append([recorded.Event]);
            incident = recorded.Incident;
        }

        Remember(incident);
        var wakeUp = _policy.Evaluate(incident, now).NextWakeUp;
        lock (_gate)
        {
            if (wakeUp is { } next)
            {
                _wakeUps[id] = next;
            }
            else
            {
                _wakeUps.Remove(id);
            }
        }
    }

    /// <summary>The incident a line is about: the one it names, else the latest open one the actor may view.</summary>
    private Incident? Find(string? id, Actor actor)
    {
        if (id is not null)
        {
            lock (_gate)
            {
                if (_incidents.TryGetValue(id, out var known))
                {
                    return known;
                }
            }

            return EventStore.IsIncidentId(id) && _store.IncidentIds().Contains(id) ? Refresh(id) : null;
        }

        lock (_gate)
        {
            return _incidents.Values
                .Where(i => i.Status is not (IncidentStatus.Closed or IncidentStatus.Declined or IncidentStatus.Merged) && i.CanView(actor))
                .OrderByDescending(i => i.AlertAt).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .FirstOrDefault();
        }
    }

    private Incident? Refresh(string id)
    {
        using var log = _store.Lock(id);
        return Load(log);
    }

    /// <summary>Rebuilds an incident from a locked log, reporting a torn tail that was set aside or a broken log.</summary>
    private Incident? Load(LockedLog log)
    {
        if (log.Torn is { } torn)
        {
            Send(MessageKind.Notice, "ops", log.IncidentId, null,
                $"torn last line ({torn.Length} bytes at offset {torn.Offset}, from an append a crash interrupted) set aside in {Path.GetFileName(torn.SetAsideIn)}; the log keeps its {log.Events.Count} complete events");
        }

        if (log.Error is { } error)
        {
            ReportOnce(log.IncidentId, $"the log cannot be read and is left as it is: {error}");
            return null;
        }

        return log.Events.Count == 0 ? null : Replay(log.IncidentId, log.Events);
    }

    private Incident? Replay(string id, IReadOnlyList<IncidentEvent> events)
    {
        try
        {
            var incident = Incident.Replay(_policy, id, events);
            Remember(incident);
            return incident;
        }
        catch (ReplayException e)
        {
            ReportOnce(id, $"the log breaks a lifecycle rule at event {e.EventIndex}: {e.Rejection.Reason}");
            return null;
        }
    }

    /// <summary>A broken log stays broken until a person repairs it: say so once, not at every wake-up.</summary>
    private void ReportOnce(string id, string text)
    {
        lock (_gate)
        {
            if (!_reported.Add($"{id}\n{text}"))
            {
                return;
            }
        }

        Send(MessageKind.Notice, "ops", id, null, text);
    }

    private void Remember(Incident incident)
    {
        lock (_gate)
        {
            if (!_incidents.TryGetValue(incident.Id, out var known) || known.Version <= incident.Version)
            {
                _incidents[incident.Id] = incident;
            }
        }
    }

    /// <summary>Replies carry the instant of the command they answer, the instant its event records.</summary>
    private void Reply(Instant at, string to, string? incidentId, string? key, string text) =>
        _messenger.Send(new OutboundMessage(at, MessageKind.Reply, to, incidentId, key, text));

    private void Send(MessageKind kind, string to, string? incidentId, string? key, string text) =>
        _messenger.Send(new OutboundMessage(_clock.GetCurrentInstant(), kind, to, incidentId, key, text));

    private static string Rejected(ApplyResult result) =>
        $"✗ rejected ({result.Rejection!.RuleId}): {result.Rejection.Reason}";

    private static string NoIncident(string? id) => id is null ? "no open incident you can see (open one with /incident)" : $"no incident {id} that you can see";
}
