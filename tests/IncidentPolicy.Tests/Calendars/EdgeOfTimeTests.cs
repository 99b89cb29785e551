using IncidentPolicy.Calendars;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

/// <summary>
/// The cases that threw <see cref="OverflowException"/> at the edges of time: a computation that would run past
/// <see cref="Limits.LatestResult"/> answers never, and an input outside the supported range is refused with an
/// <see cref="ArgumentOutOfRangeException"/> that names the range.
/// </summary>
public class EdgeOfTimeTests
{
    /// <summary>Open one minute a week, on Sundays, in a zone whose offset is not whole hours.</summary>
    private static readonly BusinessCalendar Sparse = new(
        DateTimeZoneProviders.Tzdb["America/St_Johns"], [IsoDayOfWeek.Sunday], WorkingHours.Between(new LocalTime(23, 58), new LocalTime(23, 59)));

    [Fact]
    public void AddWorkingTime_ACenturyOnACalendarOpenAMinuteAWeek_IsNever() =>
        Assert.Null(Sparse.AddWorkingTime(Instant.FromUtc(2026, 3, 27, 14, 0), Limits.MaxDuration));

    [Fact]
    public void AddWorkingTime_AtTheEndOfTheRange_StillAnswersWhatFits()
    {
        var due = BusinessCalendar.Default.AddWorkingTime(Limits.MaxInstant - Duration.FromDays(3), Duration.FromHours(4));
        Assert.NotNull(due);
        Assert.True(due <= Limits.LatestResult);
    }

    [Fact]
    public void NextBusinessDayClose_AfterTheRangesLastHolidays_AnswersPastTheRangeButNotPastTheLatestResult()
    {
        var holidays = Enumerable.Range(0, 40).Select(d => Holiday.On(Limits.MaxDate.PlusDays(-d)));
        var closing = new BusinessCalendar(DateTimeZone.Utc, [IsoDayOfWeek.Monday], WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)), holidays);
        var at = Limits.MaxInstant - Duration.FromDays(20);
        Assert.NotNull(closing.NextBusinessDayClose(at));
        Assert.InRange(closing.NextBusinessDayClose(at)!.Value, Limits.MaxInstant, Limits.LatestResult);
        Assert.Null(TimeMath.Plus(Limits.LatestResult, Duration.Epsilon));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("2201-01-01T00:00:00Z")]
    public void Calculators_OutsideTheSupportedRange_ThrowArgumentOutOfRange(string text)
    {
        var at = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.Default.AddWorkingTime(at, Duration.FromHours(4)));
        Assert.Contains("is outside the supported range 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999999999Z", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponsePolicy.Default.Deadlines("SEV-3", at));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseTarget.NextBusinessDay.DueAfter(at, BusinessCalendar.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponsePolicy.Default.Schedules[0].OnCallAt(at));
    }

    [Fact]
    public void Deadlines_OnABusinessHoursTargetThatWouldRunPastTheLatestResult_LeaveItOut()
    {
        var policy = ResponsePolicy.Default.WithCalendar(Sparse);
        var alert = Limits.MaxInstant - Duration.FromHours(1);
        var deadlines = policy.Deadlines("SEV-3", alert);
        Assert.All(deadlines, d => Assert.True(d.DueAt <= Limits.LatestResult));
    }

    [Fact]
    public void Evaluate_ALenientlyReplayedLogAtYear9999_AnswersWithoutOverflow()
    {
        // Built in code (the reader refuses such a log): the audit reports the instants and still answers.
        var at = Instant.FromUtc(9999, 12, 31, 23, 59, 59);
        IncidentEvent[] events =
        [
            new AlertFired(Instant.FromUtc(2026, 5, 29, 4, 2), "monitoring", "checkout errors", null, "SEV-1"),
            new ActionItemAdded(Instant.FromUtc(2026, 5, 29, 5, 0), "sarah", "AI-1", "tests", "alex", new LocalDate(9999, 12, 31)),
            new Acknowledged(at, "alex"),
        ];
        var report = ResponsePolicy.Default.Audit("INC-1", events);
        Assert.Contains(report.Violations, v => v.RuleId == RuleIds.Storable && v.EventIndex == 2);
        Assert.DoesNotContain(report.Evaluation.Obligations, o => o.Kind == ObligationKind.ActionItem);
    }
}
