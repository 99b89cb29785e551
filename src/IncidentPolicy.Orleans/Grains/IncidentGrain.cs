using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.WakeUps;
using IncidentPolicy.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>
/// An incident as a grain: translates, calls <see cref="Incident.Apply"/> and <see cref="PolicyEvaluation.Evaluate"/>,
/// stores, sends. Every rule stays in the core.
/// </summary>
internal sealed partial class IncidentGrain(
    IIncidentEventStore store,
    PolicyCatalog policies,
    IIncidentDispatcher dispatcher,
    IClock clock,
    IOptions<IncidentGrainOptions> options,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    internal const string ReminderName = "incident-wake-up";

    private readonly IncidentGrainOptions _options = options.Value;
    private Incident? _incident;
    private IGrainTimer? _timer;
    private IGrainReminder? _reminder;
    private Instant? _reminderDueAt;
    private int _failedWakeUps;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(true);
        _reminder = await this.GetReminder(ReminderName).ConfigureAwait(true);
        await ScheduleAsync().ConfigureAwait(true);
    }

    public Task<ApplyAnswer> ApplyAsync(IncidentCommand command, Actor actor, int expectedVersion) =>
        ApplyAsync(command, actor, expectedVersion, policyName: null);

    public Task<ApplyAnswer> RaiseAsync(RaiseAlert alert, Actor actor, string? policyName) =>
        ApplyAsync(alert, actor, 0, policyName);

    private async Task<ApplyAnswer> ApplyAsync(IncidentCommand command, Actor actor, int expectedVersion, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var answer = await ApplyCoreAsync(command, actor, expectedVersion, policyName).ConfigureAwait(true);
        if (answer.IsAccepted)
        {
            await ScheduleAsync().ConfigureAwait(true);
        }

        return answer;
    }

    public async Task<ApplyAnswer> AdoptCurrentPolicyAsync(Actor actor, int expectedVersion, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_incident is null)
        {
            return expectedVersion != 0
                ? ApplyAnswer.Conflict(0)
                : ApplyAnswer.Rejected(0, new Rejection(RejectionCode.InvalidTransition, "An incident starts with its alert.", RuleIds.Transition));
        }

        if (policies.CurrentNamed(policyName) is not { } policy)
        {
            return ApplyAnswer.Rejected(_incident.Version, policies.UnknownName(policyName!));
        }

        await policies.SaveAsync(policy).ConfigureAwait(true);
        var answer = await StoreAsync(_incident.Adopt(policy, actor, Now(_incident), expectedVersion), expectedVersion).ConfigureAwait(true);
        if (answer.IsAccepted)
        {
            await ScheduleAsync().ConfigureAwait(true);
        }

        return answer;
    }

    public Task<string?> GetStateJsonAsync() =>
        Task.FromResult(_incident is { } incident ? IncidentJson.Serialize(incident.Policy.Evaluate(incident, Now(incident))) : null);

    public Task<string?> GetEventLogJsonAsync() =>
        Task.FromResult(_incident is { } incident ? EventLogJson.SerializeDocument(incident.Id, incident.Events) : null);

    public Task<int> GetVersionAsync() => Task.FromResult(_incident?.Version ?? 0);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? WakeAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>The clock's instant, but never before the incident's last event: silos' clocks differ a little, and a
    /// command may not be earlier than the log's last event.</summary>
    private Instant Now(Incident? incident)
    {
        var now = clock.GetCurrentInstant();
        return incident is not null && incident.LastEventAt > now ? incident.LastEventAt : now;
    }

    private async Task<ApplyAnswer> ApplyCoreAsync(IncidentCommand command, Actor actor, int expectedVersion, string? policyName = null)
    {
        ApplyResult result;
        if (_incident is null)
        {
            if (command is not RaiseAlert alert)
            {
                return expectedVersion != 0
                    ? ApplyAnswer.Conflict(0)
                    : ApplyAnswer.Rejected(0, new Rejection(RejectionCode.InvalidTransition, "An incident starts with its alert.", RuleIds.Transition));
            }

            if (expectedVersion != 0)
            {
                return ApplyAnswer.Conflict(0);
            }

            if (policies.CurrentNamed(policyName) is not { } policy)
            {
                return ApplyAnswer.Rejected(0, policies.UnknownName(policyName!));
            }

            await policies.SaveAsync(policy).ConfigureAwait(true);
            result = Incident.Raise(policy, Id, alert, actor, clock.GetCurrentInstant());
        }
        else
        {
            result = _incident.Apply(command, actor, Now(_incident), expectedVersion);
        }

        return await StoreAsync(result, expectedVersion).ConfigureAwait(true);
    }

    /// <summary>Answers a rejection or conflict as it is; stores an accepted event before answering it.</summary>
    private async Task<ApplyAnswer> StoreAsync(ApplyResult result, int expectedVersion)
    {
        switch (result.Outcome)
        {
            case ApplyOutcome.Rejected:
                return ApplyAnswer.Rejected(_incident?.Version ?? 0, result.Rejection!);
            case ApplyOutcome.Conflict:
                return ApplyAnswer.Conflict(_incident!.Version);
        }

        var next = result.Incident!;
        if (!await store.AppendAsync(Id, expectedVersion, result.Event!, HeadOf(next)).ConfigureAwait(true))
        {
            // Another activation (on a silo this one could not see) stored this version first: the store is the truth.
            LogAppendRefused(logger, Id, expectedVersion + 1);
            await LoadAsync(CancellationToken.None).ConfigureAwait(true);
            return ApplyAnswer.Conflict(_incident?.Version ?? 0);
        }

        _incident = next;
        return ApplyAnswer.Accepted(next.Version, result.Event!);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var events = await store.ReadAsync(Id, cancellationToken).ConfigureAwait(true);
        if (events.Count == 0)
        {
            _incident = null;
            return;
        }

        // The policy the incident is governed by: the one it last adopted, else the one it was opened under.
        var hash = events.OfType<PolicyAdopted>().LastOrDefault()?.PolicyHash ?? (events[0] as AlertFired)?.PolicyHash;
        var policy = await policies.FindAsync(hash, Id).ConfigureAwait(true);
        _incident = Incident.Replay(policy, Id, events);
    }

    internal static IncidentHead HeadOf(Incident incident) => new(
        incident.Id, incident.Version, incident.Status, incident.SeverityId, incident.Service, incident.Summary, incident.Title,
        incident.AlertAt, incident.LastEventAt, incident.PolicyHash, incident.DedupKey);

    /// <summary>Sends what is due and records it, one action at a time, then schedules the next wake-up.</summary>
    private async Task WakeAsync(CancellationToken cancellationToken)
    {
        if (_incident is null)
        {
            await ScheduleAsync().ConfigureAwait(true);
            return;
        }

        var retry = false;
        try
        {
            var evaluation = _incident.Policy.Evaluate(_incident, Now(_incident));
            foreach (var (action, record) in DueActionPlanner.Plan(_incident, evaluation))
            {
                await dispatcher.DispatchAsync(action, cancellationToken).ConfigureAwait(true);
                var answer = await ApplyCoreAsync(record, _options.SystemActor, _incident.Version).ConfigureAwait(true);
                if (!answer.IsAccepted)
                {
                    // Sent but not recorded: the next wake-up plans it again with the same key (at least once).
                    LogRecordNotAccepted(logger, Id, action.ObligationKey, answer.ToString());
                    retry = true;
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWakeUpFailed(logger, exception, Id);
            retry = true;
        }

        _failedWakeUps = retry ? _failedWakeUps + 1 : 0;
        await ScheduleAsync(retry).ConfigureAwait(true);
    }

    /// <summary>How long to wait before the next attempt after <paramref name="failures"/> failed wake-ups in a row:
    /// <paramref name="first"/>, doubled after each further failure, never more than <paramref name="max"/>.</summary>
    internal static TimeSpan RetryDelayAfter(int failures, TimeSpan first, TimeSpan max)
    {
        var delay = first;
        for (var i = 1; i < failures && delay < max; i++)
        {
            delay += delay;
        }

        return delay < max ? delay : max;
    }

    /// <summary>
    /// Points the grain timer at the next wake-up (now when something is due and unsent, or after the retry delay)
    /// and keeps the durable reminder in step; with nothing pending, both go.
    /// </summary>
    private async Task ScheduleAsync(bool retry = false)
    {
        Instant? wakeAt = null;
        var now = clock.GetCurrentInstant();
        if (_incident is { } incident)
        {
            var evaluation = incident.Policy.Evaluate(incident, Now(incident));
            wakeAt = retry
                ? now + Duration.FromTimeSpan(RetryDelayAfter(_failedWakeUps, _options.RetryDelay, _options.MaxRetryDelay))
                : DueActionPlanner.Plan(incident, evaluation).Count > 0 ? now : evaluation.NextWakeUp;
        }

        if (wakeAt is not { } at)
        {
            _timer?.Dispose();
            _timer = null;
            if (_reminder is not null)
            {
                await this.UnregisterReminder(_reminder).ConfigureAwait(true);
                _reminder = null;
                _reminderDueAt = null;
            }

            return;
        }

        var dueIn = at <= now ? TimeSpan.Zero : (at - now).ToTimeSpan();
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(WakeAsync, new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _timer.Change(dueIn, Timeout.InfiniteTimeSpan);
        }

        // The reminder is written only when the wake-up instant moves, not on every command; once past its due time it
        // keeps ticking every period, so a lost timer costs at most about one period.
        if (_reminder is null || (at > now && _reminderDueAt != at))
        {
            _reminder = await this.RegisterOrUpdateReminder(ReminderName, dueIn, _options.ReminderPeriod).ConfigureAwait(true);
            _reminderDueAt = at;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: the event store refused version {Version} (another activation stored it first); reloaded.")]
    private static partial void LogAppendRefused(ILogger logger, string incidentId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: recording {Key} was not accepted ({Answer}); it will be sent again.")]
    private static partial void LogRecordNotAccepted(ILogger logger, string incidentId, string key, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: a wake-up failed; trying again after the retry delay (doubled after each failure in a row, up to the maximum).")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception, string incidentId);
}
