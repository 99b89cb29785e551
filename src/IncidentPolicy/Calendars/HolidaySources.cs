using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>One day off of a ready-made holiday calendar: its date and its name.</summary>
/// <param name="Date">The date the day off falls on (for a holiday moved off a weekend, the day it moved to), in the
/// ISO calendar.</param>
/// <param name="Name">The holiday's name, e.g. <c>Easter Monday</c>.</param>
public readonly record struct HolidayDate(LocalDate Date, string Name);

/// <summary>
/// Ready-made holiday calendars by country and region, such as Germany's state of Berlin (<c>DE</c>, <c>BE</c>):
/// the extension point through which a policy's <c>{"country": "DE", "region": "BE"}</c> holidays are resolved. The
/// package <c>IncidentPolicy.PublicHolidays</c> provides one; pass it in <see cref="PolicyReadOptions.HolidaySource"/>
/// or to <see cref="Holiday.FromSource"/>.
/// </summary>
/// <remarks>An implementation must be thread-safe and deterministic (the same answer for the same year every time,
/// without reading the clock or the network), and its year functions must not throw for a year from 1899 to 2301.
/// A calendar asks for each year at most once and keeps the answer.</remarks>
public interface IHolidaySource
{
    /// <summary>Finds the holidays of a country, or of a region of it.</summary>
    /// <param name="country">An ISO 3166-1 alpha-2 country code, e.g. <c>DE</c>.</param>
    /// <param name="region">A region of the country as the source names it (for Germany's states their ISO 3166-2
    /// codes, e.g. <c>BY</c>), or <see langword="null"/> for the holidays of the whole country.</param>
    /// <param name="holidaysInYear">When found: a function from a year to the days off whose date falls in that
    /// year.</param>
    /// <param name="reason">When not found: why, briefly listing what the source supports.</param>
    /// <returns><see langword="true"/> when the source knows the country (and region).</returns>
    bool TryGet(
        string country,
        string? region,
        [NotNullWhen(true)] out Func<int, IReadOnlyList<HolidayDate>>? holidaysInYear,
        out string reason);
}
