using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Metrics;
using NodaTime;

namespace IncidentPolicy.Tests.Metrics;

/// <summary>
/// Metrics sort time-to lists as whole nanoseconds and merge the sorted lists of each severity into the list over all
/// incidents; these show the statistics are those of <see cref="DurationStatistics.Of"/> over the plain lists, also
/// when a duration is too long for nanoseconds in a <see cref="long"/>.
/// </summary>
public class SortedDurationsTests
{
    /// <summary>Mostly minutes to days, sometimes negative, sometimes thousands of years (beyond ±292 years).</summary>
    private static readonly Gen<Duration> Durations = Gen.Frequency(
        (8, Gen.Choose(-1_000, 5_000_000).Select(s => Duration.FromSeconds(s) + Duration.FromNanoseconds(s % 7))),
        (1, Gen.Choose(-3_000_000, 3_000_000).Select(d => Duration.FromDays(d))));

    /// <summary>The durations as metrics collect and sort them.</summary>
    private static SortedDurations Sorted(IEnumerable<Duration> durations)
    {
        var collector = new DurationCollector();
        foreach (var duration in durations)
        {
            collector.Add(duration);
        }

        return collector.Sort();
    }

    private static readonly Gen<Duration[][]> Groups = Durations.ArrayOf().ArrayOf();

    [Property(MaxTest = 300)]
    public Property MergedGroups_HaveTheStatisticsOfTheirConcatenation() =>
        Prop.ForAll(Groups.ToArbitrary(), groups =>
        {
            var sorted = groups.Select(g => Sorted(g)).ToList();
            var merged = SortedDurations.Merge(sorted);
            return groups.Zip(sorted).All(p => p.Second.Statistics() == DurationStatistics.Of(p.First))
                && merged.Statistics() == DurationStatistics.Of(groups.SelectMany(g => g))
                && merged.Count == groups.Sum(g => g.Length);
        });

    [Fact]
    public void ADurationBeyondLongNanoseconds_IsSortedAsADuration()
    {
        var longest = Duration.FromDays(200_000);
        var values = new List<Duration> { Duration.FromMinutes(5), longest, Duration.FromMinutes(-1) };

        var statistics = SortedDurations.Merge([Sorted(values), Sorted([Duration.FromHours(1)])]).Statistics();

        Assert.Equal(4, statistics.Count);
        Assert.Equal(longest, statistics.Max);
        Assert.Equal(Duration.FromMinutes(-1), statistics.Min);
        Assert.Equal(DurationStatistics.Of([.. values, Duration.FromHours(1)]), statistics);
    }

    [Fact]
    public void NoGroups_MergeToEmptyStatistics() =>
        Assert.Equal(DurationStatistics.Empty, SortedDurations.Merge([]).Statistics());
}
