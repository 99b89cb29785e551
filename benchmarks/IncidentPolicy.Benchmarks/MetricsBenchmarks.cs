using BenchmarkDotNet.Attributes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Metrics;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// <c>IncidentMetrics.Compute</c> over 100,000 already-replayed incidents (SEV-1 and SEV-2, resolved and open, one
/// in ten declined), against a hand-written floor that only sorts the three time-to lists, and the evaluations alone
/// (what the on-time rates cost). <c>Compute</c> keeps nothing on the incidents, so every run folds each incident's
/// events, as a report over freshly replayed logs does; the evaluations alone keep a fold after their first run
/// (BenchmarkDotNet runs each row in its own process, so the rows do not see each other's folds).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MetricsBenchmarks
{
    private const int Count = 100_000;
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 5, 0, 0);
    private Incident[] _incidents = null!;
    private Instant _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _incidents = Enumerable.Range(0, Count).Select(Build).ToArray();
        _asOf = _incidents.Max(i => i.LastEventAt);
    }

    [Benchmark(Baseline = true, Description = "hand-written time-to lists, sorted (floor)")]
    public long HandWritten()
    {
        var acknowledge = new List<Duration>(Count);
        var mitigate = new List<Duration>(Count);
        var resolve = new List<Duration>(Count);
        foreach (var incident in _incidents)
        {
            if (incident.Status is IncidentStatus.Declined or IncidentStatus.Merged)
            {
                continue;
            }

            if (incident.AcknowledgedAt is { } a) acknowledge.Add(a - incident.AlertAt);
            if (incident.MitigatedAt is { } m) mitigate.Add(m - incident.AlertAt);
            if (incident.ResolvedAt is { } r) resolve.Add(r - incident.AlertAt);
        }

        acknowledge.Sort();
        mitigate.Sort();
        resolve.Sort();
        return acknowledge.Count + mitigate.Count + resolve.Count;
    }

    [Benchmark(Description = "IncidentMetrics.Compute, 100,000 incidents")]
    public IncidentMetrics Compute() => IncidentMetrics.Compute(_incidents, _asOf);

    [Benchmark(Description = "IncidentMetrics.Compute, 100,000 incidents, on one thread")]
    public IncidentMetrics ComputeOnOneThread() => IncidentMetrics.Compute(_incidents, _asOf, parallelism: 1);

    [Benchmark(Description = "Evaluate of each counted incident only (the on-time rates' input)")]
    public int EvaluateOnly()
    {
        var obligations = 0;
        foreach (var incident in _incidents)
        {
            if (incident.Status is not (IncidentStatus.Declined or IncidentStatus.Merged))
            {
                obligations += incident.Policy.Evaluate(incident, _asOf).Obligations.Count;
            }
        }

        return obligations;
    }

    private static Incident Build(int i)
    {
        var alex = new Actor("alex", "on-call-engineer");
        var sarah = new Actor("sarah");
        var alert = Start + Duration.FromMinutes(i * 7L);
        var severity = i % 3 == 0 ? "SEV-1" : "SEV-2";
        var incident = Incident.Raise(ResponsePolicy.Default, "INC-" + i, new RaiseAlert("Checkout error rate > 5%", "checkout", null), new Actor("monitoring"), alert).Incident!;
        var steps = new List<(IncidentCommand, Actor, int)> { (new Acknowledge(), alex, 1 + (i % 9)) };
        if (i % 10 == 9)
        {
            steps.Add((new Decline("false alarm"), alex, 12));
        }
        else
        {
            steps.Add((new Declare(severity, "checkout errors"), alex, 12));
            steps.Add((new AssignCommander("sarah"), alex, 12));
            steps.Add((new PostStatusUpdate(StatusAudience.External, "Investigating."), sarah, 14 + (i % 5)));
            if (i % 4 != 3)
            {
                steps.Add((new Mitigate("hotfix"), alex, 20 + (i % 40)));
                steps.Add((new Resolve("stable"), sarah, 60 + (i % 120)));
            }
        }

        foreach (var (command, actor, minutes) in steps)
        {
            incident = incident.Apply(command, actor, alert + Duration.FromMinutes(minutes), incident.Version).Incident!;
        }

        return incident;
    }
}
