using IncidentPolicy.Calendars;

namespace IncidentPolicy;

/// <summary>
/// How <see cref="PolicyJson"/> reads a policy: the one place for reading options.
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="Default"/> reads every policy that needs no options.</remarks>
public sealed record PolicyReadOptions
{
    /// <summary>No options: a policy with <c>{"country": …}</c> holidays is refused, since nothing can resolve them.</summary>
    public static PolicyReadOptions Default { get; } = new();

    /// <summary>Resolves a calendar's <c>{"country": "DE", "region": "BE"}</c> holidays; <see langword="null"/> for
    /// none. The package <c>IncidentPolicy.PublicHolidays</c> provides one (<c>PublicHolidaySource.Instance</c>).</summary>
    public IHolidaySource? HolidaySource { get; init; }
}
