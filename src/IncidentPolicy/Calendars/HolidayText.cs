using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>The text form of a <see cref="Holiday"/> in policy files.</summary>
internal static class HolidayText
{
    /// <summary>Reads a holiday: a date <c>2026-12-25</c> or an annual date <c>--12-25</c>.</summary>
    public static bool TryParse(string? text, out Holiday holiday, out string reason)
    {
        holiday = default;
        if (text is { Length: 7 } && text.StartsWith("--", StringComparison.Ordinal) && text[4] == '-'
            && IsoText.TwoDigits(text, 2, out var month) && IsoText.TwoDigits(text, 5, out var day))
        {
            // 2000 is a leap year, so --02-29 is accepted.
            if (month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(2000, month))
            {
                holiday = Holiday.Every(new AnnualDate(month, day));
                reason = "";
                return true;
            }

            reason = $"'{text}' is not a real day of the year";
            return false;
        }

        if (IsoText.TryParseLocalDate(text, out var date, out reason))
        {
            holiday = Holiday.On(date);
            return true;
        }

        if (text is null || (!text.StartsWith("--", StringComparison.Ordinal) && !reason.EndsWith("is not a real date", StringComparison.Ordinal)))
        {
            reason = $"'{text}' is not a holiday; write a date like 2026-12-25 or an annual date like --12-25";
        }

        return false;
    }
}
