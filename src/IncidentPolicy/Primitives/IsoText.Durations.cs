using System.Globalization;
using NodaTime;
using NodaTime.Text;
namespace IncidentPolicy.Primitives;

// The ISO 8601 text of durations (PT15M, P2D): see IsoText.
internal static partial class IsoText
{
    /// <summary>Writes hours, minutes and seconds only: <c>PT48H</c>, <c>PT1H30M</c>, <c>PT0S</c>, <c>-PT15M</c>, <c>PT0.5S</c>.</summary>
    public static string FormatDuration(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "PT0S";
        }

        var negative = duration < Duration.Zero;
        if (negative)
        {
            duration = -duration;
        }

        var totalNanoseconds = duration.ToBigIntegerNanoseconds();
        var nanosPerSecond = 1_000_000_000;
        var totalSeconds = (long)(totalNanoseconds / nanosPerSecond);
        var fraction = (long)(totalNanoseconds % nanosPerSecond);
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds / 60 % 60;
        var seconds = totalSeconds % 60;

        var text = new System.Text.StringBuilder(negative ? "-PT" : "PT");
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (seconds > 0 || fraction > 0)
        {
            text.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction > 0)
            {
                text.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }

            text.Append('S');
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads ISO 8601 durations in days, hours, minutes and seconds (<c>PT15M</c>, <c>P2D</c>, <c>-PT15M</c>,
    /// <c>PT0.5S</c>); a day is 24 hours. Years, months and weeks are rejected.
    /// </summary>
    public static bool TryParseDuration(string? text, out Duration duration, out string reason)
    {
        duration = Duration.Zero;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "a duration is required, like PT15M";
            return false;
        }

        var invalid = $"'{text}' is not an ISO 8601 duration; write days, hours, minutes and seconds like PT15M, PT4H, P2D or PT1H30M";
        var i = 0;
        var negative = text[0] == '-';
        if (negative)
        {
            i++;
        }

        if (i >= text.Length || text[i] != 'P')
        {
            reason = invalid;
            return false;
        }

        i++;
        var inTime = false;
        var components = 0;
        var lastRank = -1;
        System.Numerics.BigInteger nanoseconds = 0;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime)
                {
                    reason = invalid;
                    return false;
                }

                inTime = true;
                i++;
                if (i == text.Length)
                {
                    reason = invalid;
                    return false;
                }

                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var wholeEnd = i;
            var fractionDigits = "";
            if (i < text.Length && (text[i] == '.' || text[i] == ','))
            {
                var fractionStart = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                fractionDigits = text[fractionStart..i];
                if (fractionDigits.Length is 0 or > 9)
                {
                    reason = invalid;
                    return false;
                }
            }

            if (wholeEnd == start || i >= text.Length)
            {
                reason = invalid;
                return false;
            }

            var designator = text[i++];
            if (!inTime && designator is 'Y' or 'M' or 'W')
            {
                reason = $"'{text}' uses {(designator == 'Y' ? "years" : designator == 'M' ? "months" : "weeks")}, which are not fixed lengths of time; write days, hours, minutes or seconds (P2D = 48 hours)";
                return false;
            }

            var (rank, nanosPerUnit) = (inTime, designator) switch
            {
                (false, 'D') => (0, 86_400_000_000_000L),
                (true, 'H') => (1, 3_600_000_000_000L),
                (true, 'M') => (2, 60_000_000_000L),
                (true, 'S') => (3, 1_000_000_000L),
                _ => (-1, 0L),
            };
            if (rank <= lastRank || (fractionDigits.Length > 0 && rank != 3))
            {
                reason = invalid;
                return false;
            }

            lastRank = rank;
            components++;
            var whole = System.Numerics.BigInteger.Parse(text.AsSpan(start, wholeEnd - start), CultureInfo.InvariantCulture);
            nanoseconds += whole * nanosPerUnit;
            if (fractionDigits.Length > 0)
            {
                nanoseconds += long.Parse(fractionDigits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            }
        }

        if (components == 0)
        {
            reason = invalid;
            return false;
        }

        // Far beyond any sensible policy duration, and inside NodaTime's range: the one limit of Limits.MaxDuration.
        if (nanoseconds > Limits.MaxDuration.ToBigIntegerNanoseconds())
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"'{text}' is longer than {Limits.MaxDuration.Days:N0} days (100 years)");
            return false;
        }

        duration = Duration.FromNanoseconds(negative ? -nanoseconds : nanoseconds);
        return true;
    }
}
