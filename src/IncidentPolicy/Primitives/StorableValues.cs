using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>
/// The checks that keep a policy's values within what its file form can write and read back unchanged: dates and
/// instants within <see cref="Limits"/>, local times in whole seconds (policy files write <c>HH:mm:ss</c> at most),
/// and time zones a policy file can name. Texts are checked with <see cref="ProblemList.CheckText"/>, durations with
/// <see cref="Durations"/>.
/// </summary>
internal static class StorableValues
{
    /// <summary>A date within <see cref="Limits.MinDate"/> … <see cref="Limits.MaxDate"/>.</summary>
    public static bool CheckDate(LocalDate date, ProblemList problems, string path)
    {
        if (Limits.Contains(date))
        {
            return true;
        }

        problems.Add(path, $"{Text(date)} is outside the supported dates, {Text(Limits.MinDate)} to {Text(Limits.MaxDate)}");
        return false;
    }

    /// <summary>An instant within <see cref="Limits.MinInstant"/> … <see cref="Limits.MaxInstant"/>; nothing to check
    /// when <see langword="null"/>.</summary>
    public static bool CheckInstant(Instant? instant, ProblemList problems, string path)
    {
        if (instant is not { } value || Limits.Contains(value))
        {
            return true;
        }

        problems.Add(
            path,
            $"{HumanText.Format(value)} is outside the supported instants, {HumanText.Format(Limits.MinInstant)} to {HumanText.Format(Limits.MaxInstant)}");
        return false;
    }

    /// <summary>A local date and time whose date is supported and that has no fraction of a second.</summary>
    public static bool CheckLocalDateTime(LocalDateTime value, ProblemList problems, string path)
    {
        if (!CheckDate(value.Date, problems, path))
        {
            return false;
        }

        return CheckWholeSeconds(value.TimeOfDay, problems, path);
    }

    /// <summary>A local time without a fraction of a second.</summary>
    public static bool CheckWholeSeconds(LocalTime time, ProblemList problems, string path)
    {
        if (time.NanosecondOfSecond == 0)
        {
            return true;
        }

        problems.Add(path, $"a time in a policy is whole seconds; {time.ToString("HH':'mm':'ss.FFFFFFFFF", System.Globalization.CultureInfo.InvariantCulture)} has a fraction of a second");
        return false;
    }

    /// <summary>A time zone a policy file can name: its id is one of the tz database's, which the reader resolves.</summary>
    public static bool CheckZone(DateTimeZone zone, ProblemList problems, string path)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is not null)
        {
            return true;
        }

        problems.Add(path, $"time zone '{zone.Id}' is not in the tz database, so a policy file could not name it; use a zone from DateTimeZoneProviders.Tzdb");
        return false;
    }

    private static string Text(LocalDate date) => date.ToString("uuuu'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture);
}
