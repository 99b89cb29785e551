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
/// The service's recent intake outcomes and delivery attempts, for the dashboard and the metrics: the newest 1,000
/// intake outcomes and every delivery still failing. Thread-safe.
/// </summary>
/// <remarks>
/// <para>In dev mode it is this node's memory alone: a restarted node starts empty (the event logs are the durable
/// record of everything accepted).</para>
/// <para>In durable mode <see cref="PostgreSqlJournalSync"/> makes it the cluster's: every couple of seconds it writes
/// what this node recorded since to PostgreSQL and reads back the newest records of every node
/// (<see cref="TakePending"/>, <see cref="ReplaceWithShared"/>), so every node's dashboard shows every node's refused
/// intakes and failing deliveries, and a restart keeps them. A record made between two syncs shows at once on its own
/// node and within one sync interval on the others.</para>
/// </remarks>
public sealed class ServiceJournal
{
    /// <summary>How many intake outcomes are kept.</summary>
    public const int Keep = 1_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<IntakeRecord> _intakes = new();
    private readonly Dictionary<(string IncidentId, string ObligationKey, string Webhook), DeliveryRecord> _failing = [];
    private readonly List<IntakeRecord> _pendingIntakes = [];
    private readonly List<DeliveryRecord> _pendingDeliveries = [];
    private bool _shared;

    /// <summary>Records an intake outcome, forgetting the oldest beyond the last <see cref="Keep"/>.</summary>
    /// <param name="record">The outcome.</param>
    public void RecordIntake(IntakeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            AddIntake(record);
            if (_shared)
            {
                _pendingIntakes.Add(record);
            }
        }
    }

    /// <summary>Records a delivery attempt: a failed one is kept (the last per incident, obligation key and webhook)
    /// until an attempt of the same key to the same webhook succeeds, which forgets it — so the journal holds only
    /// deliveries still failing, however long the node runs.</summary>
    /// <param name="record">The attempt.</param>
    public void RecordDelivery(DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            ApplyDelivery(record);
            if (_shared)
            {
                _pendingDeliveries.Add(record);
            }
        }
    }

    /// <summary>The most recent intake outcomes, newest first.</summary>
    /// <param name="max">How many at most.</param>
    /// <returns>The outcomes.</returns>
    public IReadOnlyList<IntakeRecord> RecentIntakes(int max = 100)
    {
        lock (_gate)
        {
            return [.. _intakes.Take(max)];
        }
    }

    /// <summary>Deliveries whose last attempt failed, newest first.</summary>
    /// <returns>The failed deliveries.</returns>
    public IReadOnlyList<DeliveryRecord> FailedDeliveries()
    {
        lock (_gate)
        {
            return [.. _failing.Values.OrderByDescending(d => d.At)];
        }
    }

    /// <summary>How many deliveries are kept: those still failing.</summary>
    internal int KeptDeliveries
    {
        get
        {
            lock (_gate)
            {
                return _failing.Count;
            }
        }
    }

    /// <summary>Starts keeping what this node records for <see cref="TakePending"/> (durable mode's sync calls it
    /// once before its first sync).</summary>
    public void ShareWithCluster()
    {
        lock (_gate)
        {
            _shared = true;
        }
    }

    /// <summary>What this node recorded since the last call, oldest first, for the sync to write.</summary>
    /// <returns>The intake outcomes and delivery attempts.</returns>
    public (IReadOnlyList<IntakeRecord> Intakes, IReadOnlyList<DeliveryRecord> Deliveries) TakePending()
    {
        lock (_gate)
        {
            var taken = ((IReadOnlyList<IntakeRecord>)[.. _pendingIntakes], (IReadOnlyList<DeliveryRecord>)[.. _pendingDeliveries]);
            _pendingIntakes.Clear();
            _pendingDeliveries.Clear();
            return taken;
        }
    }

    /// <summary>Puts back what <see cref="TakePending"/> gave when the sync could not write it, ahead of anything
    /// recorded since, so it is written on the next sync.</summary>
    /// <param name="intakes">The intake outcomes not written.</param>
    /// <param name="deliveries">The delivery attempts not written.</param>
    public void RequeuePending(IReadOnlyList<IntakeRecord> intakes, IReadOnlyList<DeliveryRecord> deliveries)
    {
        ArgumentNullException.ThrowIfNull(intakes);
        ArgumentNullException.ThrowIfNull(deliveries);
        lock (_gate)
        {
            _pendingIntakes.InsertRange(0, intakes);
            _pendingDeliveries.InsertRange(0, deliveries);

            // A database down for long must not grow memory without bound: the oldest unwritten outcomes go first.
            if (_pendingIntakes.Count > Keep * 10)
            {
                _pendingIntakes.RemoveRange(0, _pendingIntakes.Count - Keep * 10);
            }
        }
    }

    /// <summary>Replaces the view with the cluster's, as the sync read it after writing what <see cref="TakePending"/>
    /// gave; anything recorded here since that call (not written yet) is kept on top.</summary>
    /// <param name="intakes">The cluster's newest intake outcomes, newest first.</param>
    /// <param name="failing">The cluster's failing deliveries.</param>
    public void ReplaceWithShared(IReadOnlyList<IntakeRecord> intakes, IReadOnlyList<DeliveryRecord> failing)
    {
        ArgumentNullException.ThrowIfNull(intakes);
        ArgumentNullException.ThrowIfNull(failing);
        lock (_gate)
        {
            _intakes.Clear();
            foreach (var record in intakes.Take(Keep).Reverse())
            {
                AddIntake(record);
            }

            _failing.Clear();
            foreach (var record in failing)
            {
                ApplyDelivery(record);
            }

            foreach (var record in _pendingIntakes)
            {
                AddIntake(record);
            }

            foreach (var record in _pendingDeliveries)
            {
                ApplyDelivery(record);
            }
        }
    }

    private void AddIntake(IntakeRecord record)
    {
        _intakes.AddFirst(record);
        while (_intakes.Count > Keep)
        {
            _intakes.RemoveLast();
        }
    }

    private void ApplyDelivery(DeliveryRecord record)
    {
        var key = (record.IncidentId, record.ObligationKey, record.Webhook);
        if (record.Delivered)
        {
            _failing.Remove(key);
        }
        else
        {
            _failing[key] = record;
        }
    }
}
