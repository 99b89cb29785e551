using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The fast path of evaluation: the rules of <see cref="ObligationFold"/> (which say, plainly, what is owed — read
/// them there, next to docs/obligations-table.md), folded by one reused engine per thread into packed slots, with an
/// index of the open ones for long logs, conditions looked at again only when a fact they read changed, and the fold
/// kept per incident and policy (<see cref="KeptFolds"/>) so that the next evaluation starts from it. It gives the
/// same answers as <see cref="ObligationFold"/>; the property tests in ObligationFoldTests hold it to that.
/// </summary>
internal sealed partial class ObligationEngine
{
    /// <summary>One engine per thread, reused: an evaluation then allocates only its result.</summary>
    [ThreadStatic]
    private static ObligationEngine? t_engine;

    /// <summary>The engine's own state, reused from evaluation to evaluation.</summary>
    private readonly FoldState _pooled = new();

    /// <summary>The state being folded: <see cref="_pooled"/>, or a clone of a kept fold's (<see cref="Restore"/>).</summary>
    private FoldState _state;

    private ResponsePolicy _policy = null!;
    private ObligationTexts _texts = null!;

    private ObligationEngine() => _state = _pooled;

    /// <summary>The scalars of the state being folded.</summary>
    private ref FoldValues Fold => ref _state.Values;

    public static Evaluation Evaluate(ResponsePolicy policy, Incident incident, Instant now)
    {
        // The usual case (a bot at a wake-up, a dashboard refreshing): a kept fold that nothing changes before now
        // states the obligations by itself, without the engine.
        var kept = KeptFolds.Find(policy, incident, now);
        if (kept is not null && kept.Covers(now))
        {
            return kept.StateAt(incident, now);
        }

        var engine = Take();
        try
        {
            return engine.FoldAndKeep(policy, incident, now, kept);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>Adds the met, met-late and overdue obligations of <paramref name="incident"/> at
    /// <paramref name="now"/> to the counts by <see cref="ObligationKind"/> — what <see cref="Evaluate"/> would say,
    /// without building the <see cref="Obligation"/> objects (for metrics over many incidents).</summary>
    public static void Tally(ResponsePolicy policy, Incident incident, Instant now, Span<int> met, Span<int> metLate, Span<int> overdue)
    {
        var kept = KeptFolds.Find(policy, incident, now);
        if (kept is not null && kept.Covers(now))
        {
            kept.TallyAt(now, met, metLate, overdue);
            return;
        }

        var engine = Take();
        try
        {
            // Metrics usually run once over freshly replayed incidents: keeping anything per incident would hold memory
            // (and make work for the garbage collector) for evaluations that may never come, so the count uses a kept
            // fold but keeps none.
            engine.Start(policy);
            if (kept is not null)
            {
                engine.Restore(kept);
            }
            else
            {
                engine.FoldEvents(incident, now);
            }

            engine.AdvanceTo(now);
            engine.CountSlots(now, met, metLate, overdue);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>The thread's engine, taken while in use, so a nested evaluation (none today) would get its own.</summary>
    private static ObligationEngine Take()
    {
        var engine = t_engine ?? new ObligationEngine();
        t_engine = null;
        return engine;
    }

    private static void Return(ObligationEngine engine)
    {
        engine.Clear();
        t_engine = engine;
    }

    /// <summary>Evaluates by folding: the events up to <paramref name="now"/> (an audit of the past keeps nothing), or
    /// after the last event from the <paramref name="kept"/> fold (or every event) through the time points up to now,
    /// keeping the result for the evaluations that follow.</summary>
    private Evaluation FoldAndKeep(ResponsePolicy policy, Incident incident, Instant now, Folded? kept)
    {
        Start(policy);
        if (now < incident.LastEventAt)
        {
            FoldEvents(incident, now);
            AdvanceTo(now);
            return State(incident, now);
        }

        if (kept is not null)
        {
            Restore(kept);
        }
        else
        {
            FoldEvents(incident, now);
        }

        // Stop at the last time point before now, not at now: the fold kept then serves every instant from there on.
        AdvanceTo(now, settle: false);
        var folded = Capture(incident);
        KeptFolds.Keep(incident, folded);
        return folded.StateAt(incident, now);
    }

    /// <summary>Folds the events at or before <paramref name="now"/>: before each, time is walked to it (escalation
    /// conditions may start to hold on the way); after each, the escalation rules whose facts it changed are checked.</summary>
    private void FoldEvents(Incident incident, Instant now)
    {
        WorkMeter.Add(incident.Version);
        foreach (var @event in incident.EventSpan)
        {
            if (@event.At > now)
            {
                break;
            }

            AdvanceTo(@event.At);
            Apply(@event);
            CheckEscalation(@event.At);
        }
    }

    private void Start(ResponsePolicy policy)
    {
        _policy = policy;
        _texts = ObligationTexts.For(policy);
        StartEscalation();
    }

    /// <summary>Forgets the evaluation, so the engine a thread keeps holds no incident alive, and of the last policy
    /// only its severity scale (in the facts).</summary>
    private void Clear()
    {
        ForgetInstances();
        _state = _pooled;
        _pooled.Reset();
        _openSlots.Reset();
        _policy = null!;
        _texts = null!;
        ClearEscalation();
    }
}
