using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>One working date's working time, mapped to instants: [<see cref="Opens"/>, <see cref="Closes"/>).</summary>
/// <param name="Day">The local date, in days since 1970-01-01 (see <see cref="WorkingDates"/>).</param>
/// <param name="Opens">Opening, inclusive.</param>
/// <param name="Closes">Closing, exclusive; always after <paramref name="Opens"/>.</param>
internal readonly record struct WorkingInterval(int Day, Instant Opens, Instant Closes);
