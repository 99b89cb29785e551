using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Metrics;
using NodaTime;

namespace IncidentPolicy.Tests.Metrics;

public sealed class DurationStatisticsTests
{
    private static Duration M(int minutes) => Duration.FromMinutes(minutes);

    private static readonly Gen<Duration[]> Durations =
        Gen.ArrayOf(Gen.Choose(0, 100_000).Select(s => Duration.FromSeconds(s)));

    [Fact]
    public void Of_TenValues_NearestRankPercentiles()
    {
        var stats = DurationStatistics.Of([M(10), M(1), M(9), M(2), M(8), M(3), M(7), M(4), M(6), M(5)]);

        Assert.Equal(new DurationStatistics(10, Duration.FromSeconds(330), M(5), M(9), M(1), M(10)), stats);
    }

    [Fact]
    public void Of_EvenCount_MedianIsTheLowerMiddleValue()
    {
        var stats = DurationStatistics.Of([M(40), M(10), M(30), M(20)]);

        Assert.Equal(M(20), stats.Median);
        Assert.Equal(M(40), stats.P90);
        Assert.Equal(M(25), stats.Mean);
    }

    [Fact]
    public void Of_OneValue_EveryStatisticIsThatValue()
    {
        var stats = DurationStatistics.Of([M(45)]);

        Assert.Equal(new DurationStatistics(1, M(45), M(45), M(45), M(45), M(45)), stats);
    }

    [Fact]
    public void Of_Empty_CountZeroAndNulls()
    {
        Assert.Equal(DurationStatistics.Empty, DurationStatistics.Of([]));
        Assert.Null(DurationStatistics.Empty.Mean);
        Assert.Null(DurationStatistics.Empty.P90);
    }

    [Fact]
    public void Of_MeanNotWhole_TruncatedTowardZeroToTheNanosecond()
    {
        var stats = DurationStatistics.Of([Duration.FromNanoseconds(1), Duration.FromNanoseconds(2)]);

        Assert.Equal(Duration.FromNanoseconds(1), stats.Mean);
    }

    [Fact]
    public void Of_HundredThousandLongDurations_MeanDoesNotOverflow()
    {
        var stats = DurationStatistics.Of(Enumerable.Repeat(Duration.FromDays(10_000), 100_000));

        Assert.Equal(Duration.FromDays(10_000), stats.Mean);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(91, 10)]
    [InlineData(100, 10)]
    public void Percentile_TenValues_ValueAtNearestRank(int percentile, int expectedMinutes)
    {
        Duration[] values = [M(3), M(1), M(2), M(4), M(5), M(6), M(7), M(8), M(9), M(10)];

        Assert.Equal(M(expectedMinutes), DurationStatistics.Percentile(values, percentile));
    }

    [Fact]
    public void Percentile_Empty_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => DurationStatistics.Percentile([], 50));

        Assert.Equal("durations", error.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Percentile_OutOfRange_ThrowsArgumentOutOfRange(int percentile)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DurationStatistics.Percentile([M(1)], percentile));

        Assert.Equal("percentile", error.ParamName);
    }

    [Property]
    public Property Of_AnyDurations_OrderedStatistics() =>
        Prop.ForAll(Durations.Where(d => d.Length > 0).ToArbitrary(), values =>
        {
            var s = DurationStatistics.Of(values);
            return s.Count == values.Length
                && s.Min <= s.Median && s.Median <= s.P90 && s.P90 <= s.Max
                && s.Min <= s.Mean && s.Mean <= s.Max
                && s.Min == values.Min() && s.Max == values.Max();
        });

    [Property]
    public Property Of_AnyOrder_SameStatistics() =>
        Prop.ForAll(Durations.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (values, seed) =>
        {
            var random = new Random(seed);
            var shuffled = values.OrderBy(_ => random.Next()).ToArray();
            var rotated = values.Skip(seed % Math.Max(values.Length, 1)).Concat(values.Take(seed % Math.Max(values.Length, 1)));
            var expected = DurationStatistics.Of(values);
            return expected == DurationStatistics.Of(shuffled)
                && expected == DurationStatistics.Of(values.Reverse())
                && expected == DurationStatistics.Of(rotated);
        });

    [Property]
    public Property Percentile_AnyDurations_SmallestValueWithAtLeastThatShareAtOrBelow() =>
        Prop.ForAll(Durations.Where(d => d.Length > 0).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (values, p) =>
        {
            // The textbook definition, checked value by value instead of by rank arithmetic.
            var naive = values.Order().First(v => values.Count(x => x <= v) * 100L >= (long)p * values.Length);
            return DurationStatistics.Percentile(values, p) == naive;
        });
}
