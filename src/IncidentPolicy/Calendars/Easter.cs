using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>Which Easter a holiday is reckoned from.</summary>
public enum EasterReckoning
{
    /// <summary>Western Easter: the Gregorian computus (Catholic and Protestant churches).</summary>
    Western,

    /// <summary>Orthodox Easter: the Julian computus, converted to a Gregorian date.</summary>
    Orthodox,
}

/// <summary>The date of Easter Sunday by the two computi.</summary>
internal static class Easter
{
    /// <summary>Easter Sunday of <paramref name="year"/> as a date in the ISO (Gregorian) calendar.</summary>
    public static LocalDate Sunday(int year, EasterReckoning reckoning) =>
        reckoning == EasterReckoning.Orthodox ? Orthodox(year) : Western(year);

    /// <summary>The Gregorian computus (the "anonymous Gregorian algorithm").</summary>
    private static LocalDate Western(int year)
    {
        var golden = year % 19;
        var century = year / 100;
        var ofCentury = year % 100;
        var leapCenturies = century / 4;
        var centuryRest = century % 4;
        var moonCorrection = (century + 8) / 25;
        var solarCorrection = (century - moonCorrection + 1) / 3;
        var epact = ((19 * golden) + century - leapCenturies - solarCorrection + 15) % 30;
        var quarter = ofCentury / 4;
        var quarterRest = ofCentury % 4;
        var weekday = (32 + (2 * centuryRest) + (2 * quarter) - epact - quarterRest) % 7;
        var shift = (golden + (11 * epact) + (22 * weekday)) / 451;
        var total = epact + weekday - (7 * shift) + 114;
        return new LocalDate(year, total / 31, (total % 31) + 1);
    }

    /// <summary>The Julian computus; its date is in the Julian calendar and is converted to the ISO calendar.</summary>
    private static LocalDate Orthodox(int year)
    {
        var epact = ((19 * (year % 19)) + 15) % 30;
        var weekday = ((2 * (year % 4)) + (4 * (year % 7)) - epact + 34) % 7;
        var total = epact + weekday + 114;
        return new LocalDate(year, total / 31, (total % 31) + 1, CalendarSystem.Julian).WithCalendar(CalendarSystem.Iso);
    }
}
