using BenchmarkDotNet.Attributes;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// "Who is on call" for a three-layer Europe/Berlin schedule with 100 overrides. The cost of <c>OnCallAt</c> must
/// not grow with the distance from the rotations' start: the baseline asks one day after the start, the
/// comparison ten years after; the same schedule with yearly roster changes on every layer and an hourly layer
/// (whose spring-forward hours are skipped) is asked ten years after too.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OnCallBenchmarks
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDateTime Start = new(2026, 1, 5, 9, 0);
    private static readonly Instant StartInstant = Instant.FromUtc(2026, 1, 5, 8, 0);

    private readonly Schedule _schedule = CreateSchedule();
    private readonly Schedule _withRosterChanges = CreateSchedule(rosterChanges: true);
    private readonly Instant _dayAfterStart = StartInstant + Duration.FromHours(27);
    private readonly Instant _tenYearsAfterStart = Instant.FromUtc(2036, 1, 9, 11, 30);
    private readonly Instant _yearStart = Instant.FromUtc(2035, 1, 1, 0, 0);
    private readonly Instant _yearEnd = Instant.FromUtc(2036, 1, 1, 0, 0);

    [Benchmark(Baseline = true, Description = "OnCallAt, one day after the start")]
    public OnCallAssignment? OnCallAtDayAfterStart() => _schedule.OnCallAt(_dayAfterStart);

    [Benchmark(Description = "OnCallAt, ten years after the start")]
    public OnCallAssignment? OnCallAtTenYearsAfterStart() => _schedule.OnCallAt(_tenYearsAfterStart);

    [Benchmark(Description = "OnCallAt, ten years after the start, yearly roster changes")]
    public OnCallAssignment? OnCallAtTenYearsWithRosterChanges() => _withRosterChanges.OnCallAt(_tenYearsAfterStart);

    [Benchmark(Description = "Shifts over one year (2035)")]
    public int ShiftsOverOneYear() => _schedule.Shifts(_yearStart, _yearEnd).Count;

    /// <summary>A weekly base layer, a weekday business-hours layer and a weekend layer, with 100 overrides over ten
    /// years (a third on each layer, the rest on the whole schedule); with <paramref name="rosterChanges"/>, each
    /// layer also changes roster every year for ten years, and an hourly layer is added.</summary>
    private static Schedule CreateSchedule(bool rosterChanges = false)
    {
        IsoDayOfWeek[] weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        ScheduleLayer[] layers =
        [
            new("weekly", new Rotation(["p1", "p2", "p3", "p4", "p5"], Start, ShiftLength.WallClock(Period.FromWeeks(1)))),
            new("daytime", new Rotation(
                ["d1", "d2", "d3", "d4", "d5", "d6", "d7"], Start, ShiftLength.WallClock(Period.FromDays(1)),
                activeWindows: [new ActiveWindow(weekdays, new LocalTime(9, 0), new LocalTime(17, 0))])),
            new("weekend", new Rotation(
                ["w1", "w2", "w3"], Start, ShiftLength.WallClock(Period.FromHours(12)),
                activeWindows: [new ActiveWindow([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], new LocalTime(8, 0), new LocalTime(20, 0))])),
        ];
        if (rosterChanges)
        {
            layers =
            [
                .. layers.Select(l => new ScheduleLayer(l.Id, l.Rotation, Enumerable.Range(1, 10).Select(year => new Rotation(
                    l.Rotation.Members.Skip(year % 2), l.Rotation.Start.PlusYears(year), l.Rotation.ShiftLength, activeWindows: l.Rotation.ActiveWindows)))),
                new("hourly", new Rotation(["h1", "h2", "h3"], Start, ShiftLength.WallClock(Period.FromHours(1)),
                    activeWindows: [new ActiveWindow([IsoDayOfWeek.Sunday], new LocalTime(1, 0), new LocalTime(4, 0))])),
            ];
        }

        var overrides = Enumerable.Range(0, 100).Select(i => new ScheduleOverride(
            $"o{i % 4}",
            StartInstant + Duration.FromDays(i * 36.5),
            StartInstant + Duration.FromDays(i * 36.5) + Duration.FromHours(30),
            (i % 4) switch { 0 => "weekly", 1 => "daytime", 2 => "weekend", _ => null }));
        return new Schedule("on-call", "On call", null, Berlin, layers, overrides);
    }
}
