using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>Arithmetic on instants within <see cref="Limits"/>: results past <see cref="Limits.LatestResult"/> are
/// never (<see langword="null"/>) instead of an overflow, and arguments outside the supported range are refused with
/// an <see cref="ArgumentOutOfRangeException"/> that says the range.</summary>
internal static class TimeMath
{
    /// <summary><paramref name="at"/> + <paramref name="duration"/>, or <see langword="null"/> when that is after
    /// <see cref="Limits.LatestResult"/> (or before <see cref="Instant.MinValue"/>).</summary>
    public static Instant? Plus(Instant at, Duration duration)
    {
        if (at > Limits.LatestResult)
        {
            return null;
        }

        if (duration >= Duration.Zero)
        {
            return duration > Limits.LatestResult - at ? null : at + duration;
        }

        return -duration > at - Instant.MinValue ? null : at + duration;
    }

    /// <summary><paramref name="at"/>, or <see langword="null"/> when it is after <see cref="Limits.LatestResult"/>.</summary>
    public static Instant? Result(Instant? at) => at <= Limits.LatestResult ? at : null;

    /// <summary>Throws when <paramref name="instant"/> is outside the supported range.</summary>
    public static void CheckInput(Instant instant, string parameter)
    {
        if (!Limits.Contains(instant))
        {
            throw new ArgumentOutOfRangeException(parameter, instant, OutsideRange(instant));
        }
    }

    /// <summary>The reason an instant is refused: <c>9999-12-31T00:00:00Z is outside the supported range …</c>.</summary>
    public static string OutsideRange(Instant instant) =>
        $"{HumanText.Format(instant)} is outside the supported range {HumanText.Format(Limits.MinInstant)} to {HumanText.Format(Limits.MaxInstant)}.";

    /// <summary>The reason a date is refused: <c>9999-12-31 is outside the supported range 1900-01-01 to 2200-12-31.</c></summary>
    public static string OutsideRange(LocalDate date) =>
        $"{Iso(date)} is outside the supported range {Iso(Limits.MinDate)} to {Iso(Limits.MaxDate)}.";

    private static string Iso(LocalDate date) => date.ToString("uuuu'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture);
}
