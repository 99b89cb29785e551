using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using Xunit.Abstractions;

namespace IncidentPolicy.Testing.Tests;

/// <summary>The history generator: every history replays without rejection, instants never go back, every state and
/// severity is reached often, and shrinking keeps histories valid and makes them shorter.</summary>
public sealed class IncidentGenHistoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly HistoryCounter _counter = new(output);

    public void Dispose() => _counter.Report();

    private static bool Replays(IncidentHistory history)
    {
        var replayed = Incident.Replay(history.Policy, history.Incident.Id, history.Events);
        var instants = history.Events.Select(e => e.At).ToList();
        return replayed.Equals(history.Incident)
            && replayed.Status == history.Incident.Status
            && instants.Zip(instants.Skip(1)).All(p => p.First <= p.Second)
            && history.Steps.Count == history.Events.Count
            && history.Steps.Select(s => s.Event).SequenceEqual(history.Events)
            && history.Events.Count <= IncidentGen.MaxHistoryIntents + 1;
    }

    [Fact]
    public void Histories_DefaultPolicy_ReplayWithoutRejection() =>
        Prop.ForAll(_counter.Counted(IncidentGen.Histories(ResponsePolicy.Default)).ToArbitrary(), history => Replays(history).Label(history.ToString()))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(4000));

    [Fact]
    public void Histories_GeneratedPolicies_ReplayWithoutRejection() =>
        Prop.ForAll(_counter.Counted(IncidentGen.Policies.SelectMany(IncidentGen.Histories)).ToArbitrary(), history => Replays(history).Label(history.ToString()))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));

    private const int CoverageSample = 4000;

    [Fact]
    public void Histories_DefaultPolicy_ReachEveryStateAndSeverityOften()
    {
        var histories = _counter.Counted(IncidentGen.Histories(ResponsePolicy.Default)).Sample(CoverageSample, 50).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;
        foreach (var history in histories)
        {
            foreach (var status in history.StatusesVisited)
            {
                Count($"visits {status}");
            }

            Count($"ends {history.Incident.Status}");
            foreach (var severity in history.Events.OfType<Declared>().Select(e => e.Severity)
                .Concat(history.Events.OfType<SeverityChanged>().Select(e => e.Severity))
                .Concat(history.Events.OfType<AlertFired>().Select(e => e.Severity)).OfType<string>().Distinct())
            {
                Count($"severity {severity}");
            }

            var kinds = history.Events.Select(e => e.GetType().Name).ToHashSet();
            foreach (var kind in kinds)
            {
                Count($"event {kind}");
            }

            if (history.Events.OfType<CommanderAssigned>().Count() > 1)
            {
                Count("commander hand-off");
            }

            if (history.Events.Any(e => e is Reopened) && history.Events.Count(e => e is Resolved) > 1)
            {
                Count("resolved again after reopen");
            }
        }

        foreach (var (what, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{what,-40} {count,5}  {100.0 * count / CoverageSample,5:F1} %");
        }

        // Every state, severity and path the issue names, each in at least 2 % of the histories, and histories end in
        // every state (at least 0.5 %), so properties about "now" see each of them.
        Assert.All(Enum.GetValues<IncidentStatus>(), s => Assert.True(counts.GetValueOrDefault($"ends {s}") >= CoverageSample / 200, $"ends {s}: {counts.GetValueOrDefault($"ends {s}")} of {CoverageSample}"));
        string[] required =
        [
            .. Enum.GetValues<IncidentStatus>().Select(s => $"visits {s}"),
            .. ResponsePolicy.Default.Severities.Select(l => $"severity {l.Id}"),
            "event SeverityChanged", "commander hand-off", "event Reopened", "event Declined", "event Merged",
            "event RoleAssigned", "event StatusUpdatePosted", "event ActionItemCompleted", "event PostMortemPublished",
            "resolved again after reopen",
        ];
        Assert.All(required, what => Assert.True(counts.GetValueOrDefault(what) >= CoverageSample / 50, $"{what}: {counts.GetValueOrDefault(what)} of {CoverageSample}"));
    }
}
