using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;
namespace IncidentPolicy;

// Reads the calendar section.
internal static partial class PolicyMapper
{
    private static BusinessCalendar? ReadCalendar(CalendarDocument? document, IHolidaySource? holidaySource, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, "a calendar is required: {timeZone, workingDays, opens, closes, holidays}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.CalendarDocument, problems, path);

        DateTimeZone? zone = null;
        var zonePath = ProblemList.Join(path, "timeZone");
        if (string.IsNullOrEmpty(document.TimeZone))
        {
            problems.AddMissing(zonePath, "an IANA time zone id is required, like Europe/Berlin or UTC");
        }
        else if ((zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(document.TimeZone)) is null)
        {
            problems.AddUnreadable(zonePath, $"unknown time zone '{document.TimeZone}'; use an IANA id such as Europe/Berlin, America/New_York or UTC");
        }

        var daysPath = ProblemList.Join(path, "workingDays");
        var days = new List<IsoDayOfWeek?>();
        if (document.WorkingDays is null)
        {
            problems.AddMissing(daysPath, "working days are required, like [\"monday\", \"tuesday\"]");
        }
        else
        {
            for (var i = 0; i < document.WorkingDays.Count; i++)
            {
                days.Add(ReadDay(document.WorkingDays[i], problems, ProblemList.Index(daysPath, i)));
            }
        }

        var hours = ReadHours(document.Opens, document.Closes, problems, path);

        var holidays = new List<Holiday?>();
        var holidaysPath = ProblemList.Join(path, "holidays");
        for (var i = 0; i < (document.Holidays?.Count ?? 0); i++)
        {
            holidays.Add(ReadHoliday(document.Holidays![i], holidaySource, problems, ProblemList.Index(holidaysPath, i)));
        }

        var weekdayHours = new Dictionary<IsoDayOfWeek, WorkingHours>();
        var weekdayPath = ProblemList.Join(path, "weekdayHours");
        foreach (var (name, hoursDocument) in document.WeekdayHours ?? [])
        {
            var dayPath = ProblemList.Join(weekdayPath, name);
            if (ReadDay(name, problems, dayPath) is not { } day)
            {
                continue;
            }

            if (hoursDocument is null)
            {
                problems.Add(dayPath, "hours must be an object {opens, closes}, not null");
                continue;
            }

            CheckUnknownKeys(hoursDocument.Unknown, PolicyJsonContext.Default.HoursDocument, problems, dayPath);
            if (ReadHours(hoursDocument.Opens, hoursDocument.Closes, problems, dayPath) is { } own)
            {
                weekdayHours[day] = own;
            }
        }

        BusinessCalendar.Validate(days, holidays, weekdayHours.Keys, problems, path);
        if (problems.Problems.Count != before || zone is null || hours is null)
        {
            return null;
        }

        return Build(problems, path, () => new BusinessCalendar(zone, days.Select(d => d!.Value), hours.Value, holidays.Select(h => h!.Value), weekdayHours));
    }

    /// <summary>A required list of day names; unreadable entries are reported and kept as <see langword="null"/> so
    /// later problems keep their indexes.</summary>
    private static List<IsoDayOfWeek?> ReadDays(List<string?>? names, ProblemList problems, string path)
    {
        if (names is null)
        {
            problems.AddMissing(path, "days are required, like [\"monday\", \"tuesday\"]");
        }

        var days = new List<IsoDayOfWeek?>(names?.Count ?? 0);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            days.Add(ReadDay(names![i], problems, ProblemList.Index(path, i)));
        }

        return days;
    }

    private static IsoDayOfWeek? ReadDay(string? name, ProblemList problems, string path)
    {
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            if (string.Equals(name, BusinessCalendar.DayName(day), StringComparison.Ordinal))
            {
                return day;
            }
        }

        problems.AddUnreadable(path, $"'{name}' is not a day of the week; write monday, tuesday, … sunday");
        return null;
    }

    private static WorkingHours? ReadHours(string? opensText, string? closesText, ProblemList problems, string path)
    {
        var opensPath = ProblemList.Join(path, "opens");
        var closesPath = ProblemList.Join(path, "closes");
        var opensOk = IsoText.TryParseLocalTime(opensText, allowEndOfDay: false, out var opens, out _, out var opensReason);
        if (!opensOk)
        {
            problems.AddUnreadable(opensPath, opensReason);
        }

        var closesOk = IsoText.TryParseLocalTime(closesText, allowEndOfDay: true, out var closes, out var endOfDay, out var closesReason);
        if (!closesOk)
        {
            problems.AddUnreadable(closesPath, closesReason);
        }

        if (!opensOk || !closesOk)
        {
            return null;
        }

        if (endOfDay)
        {
            return WorkingHours.UntilEndOfDay(opens);
        }

        if (opens >= closes)
        {
            problems.Add(closesPath, WorkingHours.OpensNotBeforeClosesReason(opens, closes));
            return null;
        }

        return WorkingHours.Between(opens, closes);
    }
}
