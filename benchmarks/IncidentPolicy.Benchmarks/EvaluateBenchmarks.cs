using BenchmarkDotNet.Attributes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// <c>ResponsePolicy.Evaluate</c> of one open SEV-1 (declared 30 minutes ago, commander assigned, two status-page
/// updates, no notification sent), against a hand-written minimal SEV-1 deadline check as the floor; and a sweep over
/// 100,000 open incidents (reported per evaluation). Evaluating an incident after its last event starts from the fold
/// of its events that an earlier evaluation kept on it (the usual case: a bot at each wake-up, a dashboard refreshing);
/// the "cold" rows forget it first, and measure the first evaluation of a new incident version.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EvaluateBenchmarks
{
    private const int Sweep = 100_000;
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);
    private readonly ResponsePolicy _policy = ResponsePolicy.Default;
    private Incident _incident = null!;
    private Incident[] _incidents = null!;
    private Instant _now;
    private ResponsePolicy _noEscalation = null!;
    private Incident _incidentNoEscalation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _incident = OpenSev1(AlertAt);
        _now = AlertAt + Duration.FromMinutes(32);
        _noEscalation = ResponsePolicy.Default.WithEscalation(IncidentPolicy.Escalation.EscalationSettings.None);
        _incidentNoEscalation = Incident.Replay(_noEscalation, "INC", _incident.Events);
        // Alerts spread over the ten minutes before the single incident's, so every event of every incident is
        // before _now, as for a bot evaluating open incidents at the current instant. (Spread after it, a third of the
        // evaluations were audits of an instant before the incident's last event.)
        _incidents = Enumerable.Range(0, Sweep).Select(i => OpenSev1(AlertAt - Duration.FromSeconds(i % 600))).ToArray();
    }

    [Benchmark(Baseline = true, Description = "hand-written SEV-1 deadline check (floor)")]
    public int HandWritten()
    {
        // What a minimal bot would do: acknowledge, commander and next status-page update deadlines, by hand.
        var overdue = 0;
        var events = _incident.Events;
        Instant? acknowledged = null, commander = null, lastExternal = null;
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case Acknowledged a: acknowledged ??= a.At; break;
                case CommanderAssigned c: commander ??= c.At; break;
                case StatusUpdatePosted { Audience: StatusAudience.External } s: lastExternal = s.At; break;
            }
        }

        overdue += acknowledged is null && _now >= AlertAt + Duration.FromMinutes(5) ? 1 : 0;
        overdue += commander is null && _now >= AlertAt + Duration.FromMinutes(5) ? 1 : 0;
        overdue += lastExternal is { } last && _now >= last + Duration.FromMinutes(15) ? 1 : 0;
        return overdue;
    }

    [Benchmark(Description = "Evaluate(open SEV-1)")]
    public Evaluation Evaluate() => _policy.Evaluate(_incident, _now);

    [Benchmark(Description = "Evaluate(open SEV-1), cold: first evaluation of this incident version")]
    public Evaluation EvaluateCold()
    {
        // Forget the fold an earlier evaluation kept (one volatile write), so this folds all five events again.
        ObligationEngine.KeptFolds.Forget(_incident);
        return _policy.Evaluate(_incident, _now);
    }

    [Benchmark(Description = "Evaluate(open SEV-1), policy without escalation")]
    public Evaluation EvaluateWithoutEscalation() => _noEscalation.Evaluate(_incidentNoEscalation, _now);

    [Benchmark(OperationsPerInvoke = Sweep, Description = "Evaluate over 100,000 open incidents (per evaluation)")]
    public int EvaluateSweep()
    {
        var due = 0;
        foreach (var incident in _incidents)
        {
            due += _policy.Evaluate(incident, _now).Obligations.Count;
        }

        return due;
    }

    [Benchmark(OperationsPerInvoke = Sweep, Description = "Evaluate over 100,000 open incidents, cold (per evaluation)")]
    public int EvaluateSweepCold()
    {
        var due = 0;
        foreach (var incident in _incidents)
        {
            ObligationEngine.KeptFolds.Forget(incident);
            due += _policy.Evaluate(incident, _now).Obligations.Count;
        }

        return due;
    }

    private static Incident OpenSev1(Instant alert)
    {
        var alex = new Actor("alex", "on-call-engineer");
        var sarah = new Actor("sarah");
        var incident = Incident.Raise(ResponsePolicy.Default, "INC", new RaiseAlert("Checkout error rate > 5%", null, "SEV-1"), new Actor("monitoring"), alert).Incident!;
        (IncidentCommand, Actor, int)[] steps =
        [
            (new Acknowledge(), alex, 1), (new Declare("SEV-1", "checkout errors"), alex, 2), (new AssignCommander("sarah"), alex, 2),
            (new PostStatusUpdate(StatusAudience.External, "Investigating."), sarah, 10), (new PostStatusUpdate(StatusAudience.External, "Still investigating."), sarah, 25),
        ];
        foreach (var (command, actor, minutes) in steps)
        {
            incident = incident.Apply(command, actor, alert + Duration.FromMinutes(minutes), incident.Version).Incident!;
        }

        return incident;
    }
}
