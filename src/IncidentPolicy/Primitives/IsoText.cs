using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace IncidentPolicy.Primitives;

/// <summary>
/// The library's text formats (docs/design.md "Text formats"): instants, durations, local times and dates.
/// Parsers return <see langword="false"/> with a plain reason instead of throwing.
/// </summary>
internal static partial class IsoText
{
    /// <summary>Regular expression fragments for the JSON Schema; they accept what the parsers accept.</summary>
    public const string InstantPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?Z$";
    public const string ZonedInstantPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$";
    public const string DurationPattern = @"^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+([.,]\d{1,9})?S)?)?$";
    public const string LocalTimePattern = @"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$";
    public const string ClosingTimePattern = @"^(([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00)$";
    public const string HolidayPattern = @"^(\d{4}|-)-\d{2}-\d{2}$";
    public const string PeriodPattern = @"^P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?)?$";
    public const string LocalDateTimePattern = @"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$";

    private static readonly InstantPattern InstantWithSeconds =
        NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF'Z'");

    private static readonly InstantPattern InstantWithoutSeconds =
        NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm'Z'");

    public static string FormatInstant(Instant instant) => HumanText.Format(instant);

    public static bool TryParseInstant(string? text, out Instant instant, out string reason)
    {
        instant = default;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "an instant is required, like 2026-05-30T15:00:00Z";
            return false;
        }

        var result = text.Length > 17 && text[16] == ':' ? InstantWithSeconds.Parse(text) : InstantWithoutSeconds.Parse(text);
        if (result.Success)
        {
            instant = result.Value;
            return true;
        }

        reason = text.EndsWith('Z')
            ? $"'{text}' is not an instant; write ISO 8601 UTC like 2026-05-30T15:00Z or 2026-05-30T15:00:00.5Z"
            : $"'{text}' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z";
        return false;
    }

    /// <summary>Writes <c>HH:mm</c>, or <c>HH:mm:ss</c> when there are seconds.</summary>
    public static string FormatLocalTime(LocalTime time) =>
        time.ToString(time.Second == 0 ? "HH':'mm" : "HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>HH:mm</c> or <c>HH:mm:ss</c>; <c>24:00</c> only when <paramref name="allowEndOfDay"/>
    /// (then <paramref name="endOfDay"/> is set and <paramref name="time"/> is midnight).</summary>
    public static bool TryParseLocalTime(string? text, bool allowEndOfDay, out LocalTime time, out bool endOfDay, out string reason)
    {
        time = default;
        endOfDay = false;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "a local time is required, like 09:00";
            return false;
        }

        if (text == "24:00")
        {
            if (allowEndOfDay)
            {
                endOfDay = true;
                return true;
            }

            reason = "24:00 is allowed only as a closing time";
            return false;
        }

        if (text.Length is 5 or 8 && text[2] == ':' && TwoDigits(text, 0, out var hour) && TwoDigits(text, 3, out var minute))
        {
            var second = 0;
            var secondsOk = text.Length == 5 || (text[5] == ':' && TwoDigits(text, 6, out second));
            if (secondsOk && hour < 24 && minute < 60 && second < 60)
            {
                time = new LocalTime(hour, minute, second);
                return true;
            }
        }

        reason = $"'{text}' is not a local time; write 24-hour HH:mm like 09:00{(allowEndOfDay ? " (or 24:00 for the end of the day)" : "")}";
        return false;
    }

    public static bool TryParseLocalDate(string? text, out LocalDate date, out string reason)
    {
        date = default;
        reason = "";
        if (text is { Length: 10 } && text[4] == '-' && text[7] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && TwoDigits(text, 5, out var month) && TwoDigits(text, 8, out var day))
        {
            if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                date = new LocalDate(year, month, day);
                return true;
            }

            reason = $"'{text}' is not a real date";
            return false;
        }

        reason = $"'{text}' is not a date; write yyyy-MM-dd like 2026-12-25";
        return false;
    }

    private static readonly LocalDateTimePattern LocalDateTimeWithSeconds =
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private static readonly LocalDateTimePattern LocalDateTimeWithoutSeconds =
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm</c>, or with <c>:ss</c> when there are seconds.</summary>
    public static string FormatLocalDateTime(LocalDateTime value) =>
        value.Second == 0 && value.NanosecondOfSecond == 0 ? LocalDateTimeWithoutSeconds.Format(value) : LocalDateTimeWithSeconds.Format(value);

    /// <summary>Reads a local date and time <c>2026-01-05T09:00</c> or <c>2026-01-05T09:00:30</c>, without offset.</summary>
    public static bool TryParseLocalDateTime(string? text, out LocalDateTime value, out string reason)
    {
        value = default;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "a local date and time is required, like 2026-01-05T09:00";
            return false;
        }

        var result = text.Length == 19 ? LocalDateTimeWithSeconds.Parse(text) : LocalDateTimeWithoutSeconds.Parse(text);
        if (result.Success)
        {
            value = result.Value;
            return true;
        }

        reason = text.EndsWith('Z') || (text.Length > 16 && (text[16] == '+' || text[16] == '-'))
            ? $"'{text}' has an offset; write the local date and time without one, like 2026-01-05T09:00: it is read in the rotation's time zone"
            : $"'{text}' is not a local date and time; write yyyy-MM-ddTHH:mm like 2026-01-05T09:00";
        return false;
    }

    /// <summary>Writes a period in its normal form: months and years alone as months (<c>P3M</c>), whole weeks as <c>P2W</c>, otherwise
    /// days, hours and minutes (<c>P1D</c>, <c>PT12H</c>, <c>P1DT12H</c>).</summary>
    public static string FormatPeriod(Period period)
    {
        if (period.Years != 0 || period.Months != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"P{(period.Years * 12) + period.Months}M");
        }

        var minutes = (long)period.ToDuration().TotalMinutes;
        const long minutesPerDay = 24 * 60;
        if (minutes > 0 && minutes % (7 * minutesPerDay) == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"P{minutes / (7 * minutesPerDay)}W");
        }

        var text = new System.Text.StringBuilder("P");
        if (minutes / minutesPerDay > 0)
        {
            text.Append((minutes / minutesPerDay).ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var hours = minutes % minutesPerDay / 60;
        var rest = minutes % 60;
        if (hours > 0 || rest > 0 || text.Length == 1)
        {
            text.Append('T');
            if (hours > 0)
            {
                text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (rest > 0 || hours == 0)
            {
                text.Append(rest.ToString(CultureInfo.InvariantCulture)).Append('M');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads an ISO 8601 period for a wall-clock shift length: weeks, days, hours and minutes (<c>P1W</c>, <c>P1D</c>,
    /// <c>PT12H</c>, <c>P1DT12H</c>), normalized (weeks as days). Months and years are read so that the caller can
    /// say why they are rejected.
    /// </summary>
    public static bool TryParsePeriod(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Period? period, out string reason)
    {
        period = null;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "a period is required, like P1W, P1D or PT12H";
            return false;
        }

        var result = text.StartsWith('P') && !text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal)
            ? NodaTime.Text.PeriodPattern.NormalizingIso.Parse(text)
            : null;
        if (result is { Success: true })
        {
            period = result.Value;
            return true;
        }

        reason = $"'{text}' is not an ISO 8601 period; write weeks, days, hours and minutes like P1W, P1D, PT12H or P1DT12H";
        return false;
    }

    internal static bool TwoDigits(string text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !char.IsAsciiDigit(text[at]) || !char.IsAsciiDigit(text[at + 1]))
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }
}
