using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// A day off in a <see cref="BusinessCalendar"/>: either one date (<c>2026-12-25</c>) or a date that
/// recurs every year (<c>--12-25</c>, ISO 8601's notation for a month and day without a year).
/// </summary>
/// <remarks>
/// An annual holiday on 29 February applies only in leap years; it does not move to 28 February.
/// The <c>default</c> value is the one-off holiday on <see cref="LocalDate"/>'s default date (1 January 1 CE).
/// This type is an immutable value and thread-safe.
/// </remarks>
public readonly record struct Holiday
{
    private Holiday(LocalDate date, AnnualDate annual, bool isAnnual)
    {
        _date = date;
        _annual = annual;
        IsAnnual = isAnnual;
    }

    private readonly LocalDate _date;
    private readonly AnnualDate _annual;

    /// <summary>Whether the holiday recurs every year (<see cref="AnnualDate"/>) rather than falling on one <see cref="Date"/>.</summary>
    public bool IsAnnual { get; }

    /// <summary>The date of a one-off holiday, or <see langword="null"/> for an annual one.</summary>
    public LocalDate? Date => IsAnnual ? null : _date;

    /// <summary>The month and day of an annual holiday, or <see langword="null"/> for a one-off one.</summary>
    public AnnualDate? AnnualDate => IsAnnual ? _annual : null;

    /// <summary>A holiday on one date.</summary>
    /// <param name="date">The date, in the ISO calendar.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public static Holiday On(LocalDate date)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("Holidays are dates in the ISO calendar.", nameof(date));
        }

        return new Holiday(date, default, isAnnual: false);
    }

    /// <summary>A holiday on the same month and day every year.</summary>
    /// <param name="date">The month and day.</param>
    /// <returns>The holiday.</returns>
    public static Holiday Every(AnnualDate date) => new(default, date, isAnnual: true);

    /// <summary>Whether the holiday falls on <paramref name="date"/>.</summary>
    /// <param name="date">A date in the ISO calendar.</param>
    /// <returns><see langword="true"/> when <paramref name="date"/> is this holiday.</returns>
    public bool Matches(LocalDate date) =>
        IsAnnual ? date.Month == _annual.Month && date.Day == _annual.Day : date == _date;

    /// <summary>Formats as in policy files: <c>2026-12-25</c> or <c>--12-25</c>.</summary>
    /// <returns>The holiday as text.</returns>
    public override string ToString() =>
        IsAnnual
            ? string.Create(CultureInfo.InvariantCulture, $"--{_annual.Month:00}-{_annual.Day:00}")
            : _date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);
}
