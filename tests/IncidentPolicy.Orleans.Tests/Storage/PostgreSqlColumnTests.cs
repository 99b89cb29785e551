using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Orleans.PostgreSql;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Storage;

/// <summary>How the PostgreSQL store maps values to columns, without a server.</summary>
public sealed class PostgreSqlColumnTests
{
    private static readonly Gen<Instant> Instants =
        from seconds in Gen.Choose(-2_000_000_000, 2_000_000_000)
        // From 696,000 days before 1970 less 2e9 s: never before the year 1 (719,162 days before 1970), which Split refuses.
        from days in Gen.Choose(-696_000, 2_900_000)
        from nanos in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 999_999_999), Gen.Elements(1, 999, 1000, 999_999_999))
        select Instant.FromUnixTimeSeconds(0) + Duration.FromDays(days) + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanos);

    [Property(MaxTest = 500)]
    public Property InstantColumns_SplitThenJoin_GivesTheSameInstant() =>
        Prop.ForAll(Instants.ToArbitrary(), instant =>
        {
            var (micros, nanos) = InstantColumns.Split(instant, "at");
            return nanos is >= 0 and <= 999 && micros.Ticks % 10 == 0 && InstantColumns.Join(micros, nanos) == instant;
        });

    [Fact]
    public void InstantColumns_Extremes_SplitExactly()
    {
        var latest = Instant.MaxValue;
        var earliest = Instant.FromUtc(1, 1, 1, 0, 0);

        Assert.Equal(latest, InstantColumns.Join(InstantColumns.Split(latest, "at").Micros, InstantColumns.Split(latest, "at").Nanos));
        Assert.Equal((DateTime.MinValue, 0), InstantColumns.Split(earliest, "at"));
    }

    [Fact]
    public void InstantColumns_BeforeYearOne_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InstantColumns.Split(Instant.FromUtc(1, 1, 1, 0, 0) - Duration.Epsilon, "head.AlertAt"));

        Assert.Equal("head.AlertAt", error.ParamName);
    }

    [Fact]
    public void StatusText_EveryStatus_IsDistinctCamelCase()
    {
        var texts = Enum.GetValues<IncidentStatus>().Select(PostgreSqlIncidentEventStore.StatusText).ToList();

        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.All(texts, text => Assert.True(char.IsLower(text[0]), text));
    }

    [Fact]
    public void StatusText_UndefinedStatus_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgreSqlIncidentEventStore.StatusText((IncidentStatus)99));
}
