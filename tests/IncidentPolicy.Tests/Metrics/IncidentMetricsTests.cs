using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Metrics;
using IncidentPolicy.Obligations;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Testing;
using IncidentPolicy.Tests.PostMortems;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Metrics;

public sealed class IncidentMetricsTests
{
    private static Duration Min(int minutes) => Duration.FromMinutes(minutes);

    [Fact]
    public void Compute_SeedIncident_TimesFromTheAlert()
    {
        var metrics = IncidentMetrics.Compute([PostMortemTests.SeedIncident()], Instant.FromUtc(2026, 6, 1, 0, 0));

        Assert.Equal(1, metrics.Incidents);
        Assert.Equal(0, metrics.Excluded);
        var sev1 = Assert.Single(metrics.BySeverity);
        Assert.Equal("SEV-1", sev1.SeverityId);
        Assert.Equal(Min(5), sev1.TimeToAcknowledge.Mean);
        Assert.Equal(new DurationStatistics(1, Min(20), Min(20), Min(20), Min(20), Min(20)), sev1.TimeToMitigate);
        Assert.Equal(Min(45), sev1.TimeToResolve.P90);
        Assert.Equal(sev1 with { SeverityId = IncidentMetrics.AllKey }, metrics.All);
    }

    [Fact]
    public void Compute_SeedIncident_OnTimeRatesFromTheEvaluation()
    {
        var incident = PostMortemTests.SeedIncident();
        var at = Instant.FromUtc(2026, 6, 1, 0, 0);

        var metrics = IncidentMetrics.Compute([incident], at);

        var acknowledge = metrics.For(ObligationKind.Acknowledge);
        Assert.Equal(new ObligationRate(ObligationKind.Acknowledge, 1, 0, 0), acknowledge);
        Assert.Equal(1.0, acknowledge.OnTimeRate);
        Assert.Equal(Enum.GetValues<ObligationKind>(), metrics.OnTime.Select(r => r.Kind));
        var evaluation = incident.Policy.Evaluate(incident, at);
        Assert.Equal(
            evaluation.Obligations.Count(o => o.State is ObligationState.Met or ObligationState.MetLate or ObligationState.Overdue),
            metrics.OnTime.Sum(r => r.Decided));
    }

    [Fact]
    public void Compute_SeedActionItems_CompletionAndOverdueInThePolicyZone()
    {
        var incident = PostMortemTests.SeedIncident();

        var beforeDue = IncidentMetrics.Compute([incident], Instant.FromUtc(2026, 6, 2, 23, 0));
        var afterDue = IncidentMetrics.Compute([incident], Instant.FromUtc(2026, 6, 3, 0, 0));

        Assert.Equal(new ActionItemTally("all", 4, 0, 0, 4, 0), beforeDue.ActionItems);
        Assert.Equal(new ActionItemTally("all", 4, 0, 0, 4, 1), afterDue.ActionItems);
        Assert.Equal(0.0, afterDue.ActionItems.CompletionRate);
    }

    [Fact]
    public void Compute_DeclinedAndMerged_Excluded()
    {
        var metrics = IncidentMetrics.Compute([Declined(), Merged(), Resolved()], At(100));

        Assert.Equal(1, metrics.Incidents);
        Assert.Equal(2, metrics.Excluded);
        Assert.Equal(1, metrics.All.TimeToAcknowledge.Count);
    }

    [Fact]
    public void Compute_AlertAfterAsOf_Excluded()
    {
        var metrics = IncidentMetrics.Compute([Resolved()], AlertAt - Duration.FromSeconds(1));

        Assert.Equal(0, metrics.Incidents);
        Assert.Equal(1, metrics.Excluded);
        Assert.Equal(DurationStatistics.Empty, metrics.All.TimeToResolve);
    }

    [Fact]
    public void Compute_OpenIncident_CountsOnlyTowardsTimesItReached()
    {
        var metrics = IncidentMetrics.Compute([Resolved(), Mitigated(), Acknowledged()], At(100));

        Assert.Equal(3, metrics.Incidents);
        Assert.Equal(3, metrics.All.TimeToAcknowledge.Count);
        Assert.Equal(2, metrics.All.TimeToMitigate.Count);
        Assert.Equal(1, metrics.All.TimeToResolve.Count);
        Assert.Equal(Min(45), metrics.All.TimeToResolve.Mean);
    }

    [Fact]
    public void Compute_MilestoneAfterAsOf_NotCounted()
    {
        // Resolved at +45 min, measured at +30 min: mitigated (at +20) but not yet resolved.
        var metrics = IncidentMetrics.Compute([Resolved()], At(30));

        Assert.Equal(1, metrics.All.TimeToMitigate.Count);
        Assert.Equal(0, metrics.All.TimeToResolve.Count);
    }

    [Fact]
    public void Compute_SeveralSeverities_GroupedInIdOrderNoneLast()
    {
        var sev2 = Acknowledged().Then(new Declare("SEV-2", "slow checkout"), Alex, 8);

        var metrics = IncidentMetrics.Compute([Raised(), sev2, Resolved(), Acknowledged()], At(100));

        Assert.Equal(["SEV-1", "SEV-2", IncidentMetrics.NoSeverityKey], metrics.BySeverity.Select(s => s.SeverityId));
        Assert.Equal([1, 1, 2], metrics.BySeverity.Select(s => s.Incidents));
        Assert.Equal(1, metrics.BySeverity[2].TimeToAcknowledge.Count);
        Assert.Equal(4, metrics.Incidents);
    }

    [Fact]
    public void Compute_NoIncidents_EmptyMetrics()
    {
        var metrics = IncidentMetrics.Compute([], AlertAt);

        Assert.Equal(0, metrics.Incidents);
        Assert.Empty(metrics.BySeverity);
        Assert.All(metrics.OnTime, r => Assert.Null(r.OnTimeRate));
        Assert.Null(metrics.ActionItems.CompletionRate);
    }

    [Fact]
    public void Compute_NullIncident_ThrowsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => IncidentMetrics.Compute([null!], AlertAt));

        Assert.Equal("incidents", error.ParamName);
    }

    private static readonly Gen<Incident> Incidents = IncidentGen.CommandSequences.Select(steps =>
    {
        var incident = Raised();
        var now = AlertAt;
        foreach (var (command, actor, minutes, _) in steps)
        {
            now += Duration.FromMinutes(minutes);
            var result = incident.Apply(command, actor, now, incident.Version);
            incident = result.IsAccepted ? result.Incident : incident;
        }

        return incident;
    });

    private static readonly Gen<(Incident[] Incidents, Instant AsOf)> Sets =
        from incidents in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Incidents, n))
        from minutes in Gen.Choose(-10, 8000)
        select (incidents, At(minutes));

    [Property(MaxTest = 100)]
    public Property Compute_GeneratedSets_EqualNaiveReference() =>
        Prop.ForAll(Sets.ToArbitrary(), set =>
        {
            var (incidents, asOf) = set;
            var metrics = IncidentMetrics.Compute(incidents, asOf);
            var counted = incidents
                .Where(i => i.Status is not (IncidentStatus.Declined or IncidentStatus.Merged) && i.AlertAt <= asOf)
                .ToList();

            bool SameTimes(SeverityMetrics m, List<Incident> group) =>
                m.Incidents == group.Count
                && m.TimeToAcknowledge == Naive(group.Select(i => i.AcknowledgedAt), group, asOf)
                && m.TimeToMitigate == Naive(group.Select(i => i.MitigatedAt), group, asOf)
                && m.TimeToResolve == Naive(group.Select(i => i.ResolvedAt), group, asOf);

            var groups = counted.GroupBy(i => i.SeverityId ?? IncidentMetrics.NoSeverityKey).ToDictionary(g => g.Key, g => g.ToList());
            var obligations = counted.SelectMany(i => i.Policy.Evaluate(i, asOf).Obligations).ToList();
            var items = counted.SelectMany(i => i.ActionItems).ToList();
            var report = ActionItemReport.At(counted.Select(PostMortem.From), asOf);

            return metrics.Excluded == incidents.Length - counted.Count
                && SameTimes(metrics.All, counted)
                && metrics.BySeverity.Length == groups.Count
                && metrics.BySeverity.All(m => SameTimes(m, groups[m.SeverityId]))
                && metrics.OnTime.All(r =>
                    r.Met == obligations.Count(o => o.Kind == r.Kind && o.State == ObligationState.Met)
                    && r.MetLate == obligations.Count(o => o.Kind == r.Kind && o.State == ObligationState.MetLate)
                    && r.Overdue == obligations.Count(o => o.Kind == r.Kind && o.State == ObligationState.Overdue))
                && metrics.ActionItems == report.All
                && metrics.ActionItems.Total == items.Count
                // The evaluations above kept folds on the incidents; counting from them says the same.
                && IncidentMetrics.Compute(incidents, asOf).OnTime.SequenceEqual(metrics.OnTime);
        });

    /// <summary>Computing again over the same incidents (which may keep folds from evaluations in between), at the same
    /// or any other instant, says what a first computation over freshly replayed copies says.</summary>
    [Property(MaxTest = 100)]
    public Property Compute_Again_AtAnyInstant_EqualsAFirstComputation() =>
        Prop.ForAll(Sets.ToArbitrary(), Gen.Choose(-10, 8000).ArrayOf().ToArbitrary(), (set, minutes) =>
        {
            var (incidents, asOf) = set;
            IncidentMetrics.Compute(incidents, asOf);
            foreach (var incident in incidents.Where((_, i) => i % 2 == 0))
            {
                incident.Policy.Evaluate(incident, asOf);
            }

            foreach (var at in minutes.Select(At).Prepend(asOf))
            {
                var fresh = incidents.Select(i => Incident.Replay(i.Policy, i.Id, i.Events)).ToArray();
                var first = IncidentMetrics.Compute(fresh, at);
                var again = IncidentMetrics.Compute(incidents, at);
                if (!first.OnTime.SequenceEqual(again.OnTime) || first.All != again.All)
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 50)]
    public Property Compute_AnyOrder_SameMetrics() =>
        Prop.ForAll(Sets.ToArbitrary(), set =>
        {
            var (incidents, asOf) = set;
            var forward = IncidentMetrics.Compute(incidents, asOf);
            var backward = IncidentMetrics.Compute(incidents.Reverse(), asOf);
            return forward.All == backward.All
                && forward.BySeverity.SequenceEqual(backward.BySeverity)
                && forward.OnTime.SequenceEqual(backward.OnTime)
                && forward.ActionItems == backward.ActionItems;
        });

    /// <summary>Counted in chunks on several threads, merged: the same metrics as one by one on the calling thread.</summary>
    [Property(MaxTest = 100)]
    public Property Compute_InChunks_SameAsOneByOne() =>
        Prop.ForAll(Sets.ToArbitrary(), Gen.Choose(2, 4).ToArbitrary(), (set, threads) =>
        {
            var (incidents, asOf) = set;
            var oneByOne = IncidentMetrics.Compute(incidents, asOf, parallelism: 1);
            var chunked = IncidentMetrics.Compute(incidents, asOf, parallelism: threads, parallelFrom: 0);
            return SameMetrics(oneByOne, chunked);
        });

    [Fact]
    public void Compute_ManyIncidents_ChunkedOnTheCoresAsOneByOne()
    {
        var sample = Incidents.Sample(50, 200).ToArray();
        var incidents = Enumerable.Range(0, IncidentMetrics.ParallelFrom + 100).Select(i => sample[i % sample.Length]).ToArray();
        var asOf = At(600);

        var oneByOne = IncidentMetrics.Compute(incidents, asOf, parallelism: 1);

        Assert.True(SameMetrics(oneByOne, IncidentMetrics.Compute(incidents, asOf)));
        Assert.True(SameMetrics(oneByOne, IncidentMetrics.Compute(incidents, asOf, parallelism: 3)));
        // A sequence that is not a list is read once.
        Assert.True(SameMetrics(oneByOne, IncidentMetrics.Compute(incidents.Select(i => i), asOf, parallelism: 2)));
        Assert.Equal(incidents.Length, oneByOne.Incidents + oneByOne.Excluded);
    }

    [Fact]
    public void Compute_NullIncidentInALongSequence_ThrowsArgumentNullBeforeCounting()
    {
        var incidents = Enumerable.Range(0, IncidentMetrics.ParallelFrom + 1).Select(i => i == IncidentMetrics.ParallelFrom ? null! : Raised());

        var error = Assert.Throws<ArgumentNullException>(() => IncidentMetrics.Compute(incidents, AlertAt));

        Assert.Equal("incidents", error.ParamName);
    }

    private static bool SameMetrics(IncidentMetrics a, IncidentMetrics b) =>
        a.AsOf == b.AsOf
        && a.Excluded == b.Excluded
        && a.All == b.All
        && a.BySeverity.SequenceEqual(b.BySeverity)
        && a.OnTime.SequenceEqual(b.OnTime)
        && a.ActionItems == b.ActionItems;

    // Milestones reached by asOf, measured from the alert; mean in exact nanoseconds; percentiles as "the smallest
    // value with at least p % of the values at or below it".
    private static DurationStatistics Naive(IEnumerable<Instant?> milestones, List<Incident> group, Instant asOf)
    {
        var values = milestones.Zip(group)
            .Where(p => p.First is { } at && at <= asOf)
            .Select(p => p.First!.Value - p.Second.AlertAt)
            .ToList();
        if (values.Count == 0)
        {
            return DurationStatistics.Empty;
        }

        Duration Pct(int p) => values.Order().First(v => values.Count(x => x <= v) * 100L >= (long)p * values.Count);
        var total = values.Aggregate(BigInteger.Zero, (sum, d) => sum + d.ToBigIntegerNanoseconds());
        return new DurationStatistics(
            values.Count, Duration.FromNanoseconds(total / values.Count), Pct(50), Pct(90), values.Min(), values.Max());
    }
}
