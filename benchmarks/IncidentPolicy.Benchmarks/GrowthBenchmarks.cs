using BenchmarkDotNet.Attributes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// Issue 13's growth measurements: <c>Audit</c> of a SEV-1's log of 1,000, 10,000 and 100,000 events (a mix of notes,
/// external and internal updates, impact figures, flags, role assignments and pages, 30 seconds apart), and parsing a
/// post-mortem Markdown of 100 and 10,000 action-item rows. Linear cost shows as a ratio of about 10 per step.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuditGrowthBenchmarks
{
    private List<IncidentEvent> _events = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var t0 = Instant.FromUtc(2026, 5, 29, 4, 0);
        _events =
        [
            new AlertFired(t0, "monitoring", "checkout errors", "checkout", "SEV-1"),
            new Acknowledged(t0 + Duration.FromMinutes(1), "alex"),
            new Declared(t0 + Duration.FromMinutes(2), "alex", "SEV-1", "checkout outage"),
        ];
        var at = t0 + Duration.FromMinutes(3);
        while (_events.Count < Events)
        {
            at += Duration.FromSeconds(30);
            var i = _events.Count;
            _events.Add((i % 7) switch
            {
                0 => new NoteAdded(at, "alex", $"note {i}"),
                1 => new StatusUpdatePosted(at, "sarah", StatusAudience.External, $"update {i}"),
                2 => new StatusUpdatePosted(at, "sarah", StatusAudience.Internal, $"update {i}"),
                3 => new ImpactRecorded(at, "alex", $"metric-{i % 500}", i),
                4 => new FlagRaised(at, "alex", $"flag-{i % 300}"),
                5 => new RoleAssigned(at, "sarah", "comms-lead", $"person-{i}"),
                _ => new NotificationSent(at, "bot", $"escalate:page-engineering-manager#{i}", "erin"),
            });
        }
    }

    [Benchmark(Baseline = true, Description = "Audit of an incident's log")]
    public int Audit() => ResponsePolicy.Default.Audit("INC-1", _events).Evaluation.Obligations.Count;
}

/// <summary>Parsing an authored post-mortem with many action-item rows and long, wrapped paragraphs.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class MarkdownGrowthBenchmarks
{
    private string _markdown = null!;

    [Params(100, 10_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("## Post-Mortem: Checkout Outage - May 29, 2026").AppendLine();
        text.AppendLine("### Root Cause").AppendLine();
        for (var i = 0; i < Rows; i++)
        {
            // A paragraph wrapped over many lines: the parser joins them.
            text.AppendLine($"The connection pool was exhausted by request {i} while the retry storm kept growing,");
        }

        text.AppendLine().AppendLine("### Action Items").AppendLine();
        text.AppendLine("| # | Action | Owner | Due | Status |").AppendLine("|---|---|---|---|---|");
        for (var i = 1; i <= Rows; i++)
        {
            text.AppendLine($"| {i} | Add a circuit breaker to dependency {i} | alex | Jun 5 | Open |");
        }

        _markdown = text.ToString();
    }

    [Benchmark(Baseline = true, Description = "PostMortemMarkdown.Parse")]
    public int Parse() => PostMortemMarkdown.Parse(_markdown).ActionItems is { } items ? items.Length : 0;
}
