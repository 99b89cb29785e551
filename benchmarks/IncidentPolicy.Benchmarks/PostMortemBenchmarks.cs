using BenchmarkDotNet.Attributes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Benchmarks;

/// <summary>Building and rendering the seed's post-mortem from its replayed incident (target: ≤ 50 µs).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class PostMortemBenchmarks
{
    private Incident _incident = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "checkout-outage-2026-05-29.json");
        var log = EventLogJson.Load(path);
        _incident = Incident.Replay(ResponsePolicy.Default, log.IncidentId!, log.Events);
    }

    [Benchmark(Description = "PostMortem.From(seed incident).ToMarkdown()")]
    public string Render() => PostMortem.From(_incident).ToMarkdown();
}
