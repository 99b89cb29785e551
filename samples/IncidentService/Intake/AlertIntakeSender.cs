using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Operations;
using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Intake;

/// <summary>
/// Sends one alert action to the <see cref="IAlertIntakeGrain"/> of its dedup key and records what became of it in the
/// <see cref="ServiceJournal"/>: accepted, or refused by the policy with the rejection's plain reason (still answered
/// 202 — intake is asynchronous, as PagerDuty's is). The grain stores an accepted event before it answers, so an
/// answered alert is never lost.
/// </summary>
/// <remarks>
/// <para>Each call counts one alert received for its source (<see cref="ServiceMetrics.AlertReceived"/>): every
/// well-formed alert action an intake hands on — trigger, acknowledge, resolve, an Alertmanager alert firing or
/// resolved — accepted by the policy or not. A request refused before this (bad secret, malformed, too large) is not an
/// alert received.</para>
/// <para>The metrics are optional (a host without operations), so the constructor takes them as
/// <see langword="null"/> by default. Thread-safe.</para>
/// </remarks>
public sealed partial class AlertIntakeSender(
    IGrainFactory grains,
    ServiceJournal journal,
    IClock clock,
    ILogger<AlertIntakeSender> logger,
    ServiceMetrics? metrics = null)
{
    /// <summary>Sends the action; never throws for a grain or store failure.</summary>
    /// <param name="source">The intake: <c>pagerduty</c>, <c>alertmanager</c>.</param>
    /// <param name="dedupKey">The alert's dedup key.</param>
    /// <param name="call">The grain call.</param>
    /// <returns>The answer, or <see langword="null"/> when the grain could not be reached (nothing was stored; the
    /// sender should send it again).</returns>
    public async Task<AlertIntakeAnswer?> SendAsync(string source, string dedupKey, Func<IAlertIntakeGrain, Task<AlertIntakeAnswer>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        metrics?.AlertReceived(source);
        AlertIntakeAnswer answer;
        try
        {
            answer = await call(grains.GetGrain<IAlertIntakeGrain>(dedupKey)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failure reaching the grain or the store is answered 503 (send again), never a 500.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnreachable(logger, e, source, dedupKey);
            journal.RecordIntake(new IntakeRecord(clock.GetCurrentInstant(), source, dedupKey, null, false,
                $"not recorded: the incident could not be reached ({e.GetType().Name}); the sender was asked to send it again"));
            return null;
        }

        var (accepted, reason) = answer switch
        {
            { Answer: null } => (false, "no open incident has this dedup key"),
            { Answer.Outcome: ApplyOutcome.Accepted } => (true, (string?)null),
            { Answer.Outcome: ApplyOutcome.Rejected } => (false, answer.Answer.Rejection!.Reason),
            _ => (false, "the incident kept changing while the alert was applied; not recorded"),
        };
        journal.RecordIntake(new IntakeRecord(clock.GetCurrentInstant(), source, dedupKey, answer.IncidentId, accepted, reason));
        LogOutcome(logger, source, dedupKey, answer.IncidentId, answer.Answer?.ToString() ?? reason);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} alert {DedupKey}: the incident could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string source, string dedupKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} alert {DedupKey} to incident {IncidentId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string source, string dedupKey, string? incidentId, string? outcome);
}
