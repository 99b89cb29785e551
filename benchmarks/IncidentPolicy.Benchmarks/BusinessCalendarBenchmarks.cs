using BenchmarkDotNet.Attributes;
using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// "4 hours (business hours)" deadlines. The cost and the allocations must not depend on how long a
/// weekend or holiday run the deadline crosses.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BusinessCalendarBenchmarks
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly Duration FourHours = Duration.FromHours(4);

    private readonly BusinessCalendar _utc = BusinessCalendar.Default;

    // Europe/Berlin, Mon–Fri 09:00–17:00, with every date from 2026-12-21 to 2027-01-08 a one-off holiday.
    private readonly BusinessCalendar _berlinWithBreak = new(
        DateTimeZoneProviders.Tzdb["Europe/Berlin"],
        MondayToFriday,
        WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)),
        Enumerable.Range(0, 19).Select(i => Holiday.On(new LocalDate(2026, 12, 21).PlusDays(i))));

    private readonly Instant _fridayAfternoon = Instant.FromUtc(2026, 3, 27, 15, 0);
    private readonly Instant _wednesdayMorning = Instant.FromUtc(2026, 3, 25, 10, 0);

    // Friday 2026-12-18 15:00 CET, the working day before the three-week break.
    private readonly Instant _beforeBreak = Instant.FromUtc(2026, 12, 18, 14, 0);

    [Benchmark(Baseline = true, Description = "Friday 15:00 + 4 h, over a weekend (UTC)")]
    public Instant? OverWeekend() => _utc.AddWorkingTime(_fridayAfternoon, FourHours);

    [Benchmark(Description = "Friday 15:00 + 4 h, over a three-week holiday run (Berlin)")]
    public Instant? OverThreeWeekHolidayRun() => _berlinWithBreak.AddWorkingTime(_beforeBreak, FourHours);

    [Benchmark(Description = "Wednesday 10:00 + 4 h, same day (UTC)")]
    public Instant? SameDay() => _utc.AddWorkingTime(_wednesdayMorning, FourHours);
}
