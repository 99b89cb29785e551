using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Calendars;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Testing.Tests;

public sealed class IncidentArbitrariesTests
{
    [Property(Arbitrary = new[] { typeof(IncidentArbitraries) }, MaxTest = 50)]
    public bool Registered_EveryTypeIsGeneratedValid(
        IncidentHistory history, ResponsePolicy policy, SeverityScale scale, BusinessCalendar calendar, IncidentCommand command, Instant at, Duration duration) =>
        Incident.Replay(history.Policy, history.Incident.Id, history.Events).Equals(history.Incident)
        && ReferenceEquals(history.Policy, ResponsePolicy.Default)
        && policy.Severities.Count is >= 1 and <= 5
        && scale.Count is >= 1 and <= 5
        && calendar.WorkingDays.Count > 0
        && command is not null
        && at >= IncidentGen.WindowStart && at <= IncidentGen.WindowEnd
        && duration >= Duration.Zero && duration <= Duration.FromHours(200);

    [Fact]
    public void InstantsWithin_StaysInTheWindow()
    {
        var start = Instant.FromUtc(2026, 3, 29, 0, 30);
        var end = start + Duration.FromHours(2);

        Assert.All(IncidentGen.InstantsWithin(start, end).Sample(200, 10), at => Assert.InRange(at, start, end));
    }

    [Fact]
    public void InstantsWithin_EndBeforeStart_Throws() =>
        Assert.Throws<ArgumentException>(() => IncidentGen.InstantsWithin(IncidentGen.WindowEnd, IncidentGen.WindowStart));

    [Fact]
    public void Durations_StayBetweenMinAndMax()
    {
        Assert.All(IncidentGen.Durations(Duration.FromMinutes(5), Duration.FromMinutes(9)).Sample(200, 10),
            d => Assert.InRange(d, Duration.FromMinutes(5), Duration.FromMinutes(9)));
        Assert.Throws<ArgumentException>(() => IncidentGen.Durations(Duration.FromHours(2), Duration.FromHours(1)));
    }

    [Fact]
    public void Calendars_UseEveryZoneIncludingDstOnes()
    {
        var zones = IncidentGen.Calendars.Sample(300, 10).Select(c => c.Zone.Id).ToHashSet();

        Assert.Equal(IncidentGen.ZoneIds.ToHashSet(), zones);
        Assert.Contains(zones, id => DateTimeZoneProviders.Tzdb[id].MinOffset != DateTimeZoneProviders.Tzdb[id].MaxOffset);
    }

    [Fact]
    public void SeverityScales_NoRoles_Throws() =>
        Assert.Throws<ArgumentException>(() => IncidentGen.SeverityScales([]));

    [Fact]
    public void Duration_Shrinks_TowardsZero()
    {
        var shrunk = IncidentArbitraries.Duration().Shrinker(Duration.FromMinutes(90)).ToList();

        Assert.Equal([Duration.Zero, Duration.FromMinutes(45)], shrunk);
    }

    [Fact]
    public void WellFormedCommands_CoverEveryCommandKind()
    {
        var kinds = IncidentGen.WellFormedCommands.Sample(2000, 10).Select(c => c.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<CommandKind>().Order(), kinds.Order());
        Assert.Equal(Enum.GetValues<CommandKind>().Length, IncidentGen.CommandTypeCount);
    }
}
