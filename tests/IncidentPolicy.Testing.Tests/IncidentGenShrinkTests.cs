using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using Xunit.Abstractions;

namespace IncidentPolicy.Testing.Tests;

/// <summary>Shrinking a history keeps it valid and makes it shorter.</summary>
public sealed class IncidentGenShrinkTests(ITestOutputHelper output) : IDisposable
{
    private readonly HistoryCounter _counter = new(output);

    public void Dispose() => _counter.Report();

    [Fact]
    public void Shrink_EveryCandidate_ReplaysAndIsShorter()
    {
        var candidates = 0;
        foreach (var history in _counter.Counted(IncidentGen.Histories(ResponsePolicy.Default)).Sample(100, 50))
        {
            foreach (var shrunk in IncidentGen.Shrink(history))
            {
                candidates++;
                Assert.True(shrunk.Steps.Count < history.Steps.Count, $"{shrunk}\nis not shorter than\n{history}");
                var replayed = Incident.Replay(shrunk.Policy, shrunk.Incident.Id, shrunk.Events);
                Assert.Equal(shrunk.Incident, replayed);
                Assert.Equal(history.AlertAt, shrunk.AlertAt);
            }
        }

        Assert.True(candidates > 100, $"only {candidates} shrink candidates");
    }

    [Fact]
    public void Histories_FailingProperty_ShrinkToAShortValidCounterexample()
    {
        IncidentHistory? first = null;
        IncidentHistory? last = null;
        var property = Prop.ForAll(IncidentArbitraries.Histories(ResponsePolicy.Default), history =>
        {
            var closed = history.Incident.Status == IncidentStatus.Closed;
            if (closed)
            {
                first ??= history;
                last = history;
            }

            return !closed;
        });

        var error = Assert.ThrowsAny<Exception>(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(500)));

        Assert.NotNull(first);
        Assert.NotNull(last);
        output.WriteLine($"first counterexample: {first.Steps.Count} events; shrunk: {last.Steps.Count}\n{last}");
        Assert.Equal(last.Incident, Incident.Replay(last.Policy, last.Incident.Id, last.Events));
        Assert.True(last.Steps.Count <= first.Steps.Count);
        Assert.True(first.Steps.Count <= 6 || last.Steps.Count < first.Steps.Count, $"{first.Steps.Count} → {last.Steps.Count}");

        // The shortest ways to close: alert, declare, mitigate, resolve, close; the seed's SEV-1 needs a commander and a
        // published post-mortem with an action item as well. The run's seed is random and the shrinker can stop at a
        // longer close that no single removal keeps valid (16 events, once in CI on 2026-12-02), so the bound is loose;
        // that it shrank at all is asserted above.
        Assert.InRange(last.Steps.Count, 3, 24);
        Assert.Contains(last.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " events", error.Message, StringComparison.Ordinal);
    }
}
