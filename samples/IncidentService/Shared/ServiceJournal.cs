using System.Collections.Concurrent;
using NodaTime;

namespace IncidentService.Shared;

/// <summary>What an intake did with one alert or command: accepted, or answered 202 but refused by the policy (with
/// the reason), as PagerDuty's asynchronous intake does. Shown on the dashboard.</summary>
/// <param name="At">When the intake received it.</param>
/// <param name="Source">The intake: <c>alertmanager</c>, <c>pagerduty</c>, <c>slack</c>.</param>
/// <param name="DedupKey">The alert's dedup key, when it had one.</param>
/// <param name="IncidentId">The incident it reached, when any.</param>
/// <param name="Accepted">Whether the incident accepted it.</param>
/// <param name="Reason">Why not (the rejection's plain reason), or a short note.</param>
public sealed record IntakeRecord(Instant At, string Source, string? DedupKey, string? IncidentId, bool Accepted, string? Reason);

/// <summary>One attempt to deliver a page or notification to an outbound webhook. Failed ones stay visible on the
/// dashboard until a later attempt of the same obligation key to the same webhook succeeds.</summary>
/// <param name="At">When the attempt ended.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="ObligationKey">The obligation key (the idempotency key sent with the delivery).</param>
/// <param name="Webhook">The webhook's configured name.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Delivered">Whether the webhook answered 2xx.</param>
/// <param name="Error">What went wrong, when it failed.</param>
public sealed record DeliveryRecord(Instant At, string IncidentId, string ObligationKey, string Webhook, int Attempt, bool Delivered, string? Error);

/// <summary>
/// The service's recent intake outcomes and delivery attempts, kept in memory (bounded) for the dashboard and the
/// metrics. Thread-safe. Not durable: a restarted node starts empty (the event logs are the durable record).
/// </summary>
public sealed class ServiceJournal
{
    private const int Keep = 1_000;
    private readonly ConcurrentQueue<IntakeRecord> _intakes = new();
    private readonly ConcurrentDictionary<(string IncidentId, string ObligationKey, string Webhook), DeliveryRecord> _lastDelivery = new();

    /// <summary>Records an intake outcome, forgetting the oldest beyond the last 1,000.</summary>
    /// <param name="record">The outcome.</param>
    public void RecordIntake(IntakeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _intakes.Enqueue(record);
        while (_intakes.Count > Keep && _intakes.TryDequeue(out _))
        {
        }
    }

    /// <summary>Records a delivery attempt: a failed one is kept (the last per incident, obligation key and webhook)
    /// until an attempt of the same key to the same webhook succeeds, which forgets it — so the journal holds only
    /// deliveries still failing, however long the node runs.</summary>
    /// <param name="record">The attempt.</param>
    public void RecordDelivery(DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = (record.IncidentId, record.ObligationKey, record.Webhook);
        if (record.Delivered)
        {
            _lastDelivery.TryRemove(key, out _);
        }
        else
        {
            _lastDelivery[key] = record;
        }
    }

    /// <summary>The most recent intake outcomes, newest first.</summary>
    /// <param name="max">How many at most.</param>
    /// <returns>The outcomes.</returns>
    public IReadOnlyList<IntakeRecord> RecentIntakes(int max = 100) => [.. _intakes.Reverse().Take(max)];

    /// <summary>Deliveries whose last attempt failed, newest first.</summary>
    /// <returns>The failed deliveries.</returns>
    public IReadOnlyList<DeliveryRecord> FailedDeliveries() => [.. _lastDelivery.Values.OrderByDescending(d => d.At)];

    /// <summary>How many deliveries are kept: those still failing.</summary>
    internal int KeptDeliveries => _lastDelivery.Count;
}
