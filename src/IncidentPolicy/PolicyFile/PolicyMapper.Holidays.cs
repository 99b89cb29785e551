using System.Globalization;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

// Reads and writes a calendar's holidays (strings, rules and countries), and the day-based lengths of response targets.
internal static partial class PolicyMapper
{
    private const string NoSourceReason =
        "country holidays need a holiday source: install the IncidentPolicy.PublicHolidays package and pass "
        + "PublicHolidaySource.Instance in PolicyReadOptions.HolidaySource (the incident-policy tool does)";

    private static Holiday? ReadHoliday(HolidayEntryDocument? entry, IHolidaySource? source, ProblemList problems, string path)
    {
        if (entry is null)
        {
            problems.Add(path, "a holiday must be a date, an annual date or an object, not null");
            return null;
        }

        if (entry.Rule is not { } rule)
        {
            if (HolidayText.TryParse(entry.Text, out var holiday, out var reason))
            {
                return holiday;
            }

            problems.AddUnreadable(path, reason);
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(rule.Unknown, PolicyJsonContext.Default.HolidayRuleDocument, problems, path);
        var kinds = new List<string>(2);
        if (rule.Date is not null)
        {
            kinds.Add("date");
        }

        if (rule.Easter is not null)
        {
            kinds.Add("easter");
        }

        if (rule.Month is not null || rule.Weekday is not null || rule.Nth is not null)
        {
            kinds.Add("month");
        }

        if (rule.Country is not null)
        {
            kinds.Add("country");
        }

        if (kinds.Count != 1)
        {
            problems.Add(path, kinds.Count == 0
                ? "a holiday object needs one of date, easter, month with weekday and nth, or country"
                : $"a holiday object is one kind of rule, but this one has {string.Join(" and ", kinds)}");
            return null;
        }

        Holiday? read = kinds[0] switch
        {
            "date" => ReadDateRule(rule, problems, path),
            "easter" => ReadEasterRule(rule, problems, path),
            "month" => ReadWeekdayRule(rule, problems, path),
            _ => ReadCountry(rule, source, problems, path),
        };
        if (kinds[0] != "easter" && rule.Reckoning is not null)
        {
            problems.Add(ProblemList.Join(path, "reckoning"), "reckoning belongs to an easter rule");
        }

        if (kinds[0] != "country" && rule.Region is not null)
        {
            problems.Add(ProblemList.Join(path, "region"), "region belongs to a country");
        }

        if (read is not { } value || problems.Problems.Count != before)
        {
            return null;
        }

        HolidayShift? shift = rule.Observed is null ? null : ReadEnum<HolidayShift>(rule.Observed, problems, ProblemList.Join(path, "observed"));
        if (problems.Problems.Count != before)
        {
            return null;
        }

        try
        {
            if (rule.Name is not null)
            {
                value = value.WithName(rule.Name);
            }

            if (shift is { } s)
            {
                value = value.WithObserved(s);
            }

            if (rule.From is not null || rule.Until is not null)
            {
                value = value.WithYears(rule.From, rule.Until);
            }

            return value;
        }
        catch (PolicyValidationException e)
        {
            problems.AddAll(path, e);
            return null;
        }
    }

    private static Holiday? ReadDateRule(HolidayRuleDocument rule, ProblemList problems, string path)
    {
        if (HolidayText.TryParse(rule.Date, out var holiday, out var reason))
        {
            return holiday;
        }

        problems.AddUnreadable(ProblemList.Join(path, "date"), reason);
        return null;
    }

    private static Holiday? ReadEasterRule(HolidayRuleDocument rule, ProblemList problems, string path)
    {
        var reckoning = rule.Reckoning is null
            ? EasterReckoning.Western
            : ReadEnum<EasterReckoning>(rule.Reckoning, problems, ProblemList.Join(path, "reckoning"));
        return reckoning is { } r ? Build(problems, path, () => (object)Holiday.Easter(rule.Easter!.Value, r)) as Holiday? : null;
    }

    private static Holiday? ReadWeekdayRule(HolidayRuleDocument rule, ProblemList problems, string path)
    {
        if (rule.Month is null)
        {
            problems.AddMissing(ProblemList.Join(path, "month"), "a month from 1 to 12 is required with weekday and nth");
        }

        if (rule.Nth is null)
        {
            problems.AddMissing(ProblemList.Join(path, "nth"), "nth is required with month and weekday: 1 to 5, or -1 for the last");
        }

        var weekday = rule.Weekday is null ? null : ReadDay(rule.Weekday, problems, ProblemList.Join(path, "weekday"));
        if (rule.Weekday is null)
        {
            problems.AddMissing(ProblemList.Join(path, "weekday"), "a weekday is required with month and nth, like thursday");
        }

        if (rule.Month is not { } month || rule.Nth is not { } nth || weekday is not { } day)
        {
            return null;
        }

        return Build(problems, path, () => (object)Holiday.NthWeekday(month, day, nth)) as Holiday?;
    }

    private static Holiday? ReadCountry(HolidayRuleDocument rule, IHolidaySource? source, ProblemList problems, string path)
    {
        foreach (var (key, present) in (ReadOnlySpan<(string, bool)>)[("name", rule.Name is not null), ("observed", rule.Observed is not null), ("from", rule.From is not null), ("until", rule.Until is not null)])
        {
            if (present)
            {
                problems.Add(ProblemList.Join(path, key), $"a country's holidays come from their source as they are; {key} cannot be given");
            }
        }

        if (source is null)
        {
            problems.Add(ProblemList.Join(path, "country"), NoSourceReason);
            return null;
        }

        return Build(problems, path, () => (object)Holiday.FromSource(source, rule.Country!, rule.Region)) as Holiday?;
    }

    private static HolidayEntryDocument ToDocument(Holiday holiday)
    {
        if (holiday.Kind is HolidayKind.Date or HolidayKind.Annual && holiday is { Name: null, Observed: HolidayShift.None, FirstYear: null, LastYear: null })
        {
            return new HolidayEntryDocument { Text = holiday.ToString() };
        }

        var rule = new HolidayRuleDocument
        {
            Name = holiday.Name,
            Easter = holiday.EasterOffset,
            Reckoning = holiday.Kind == HolidayKind.Easter && holiday.Reckoning != EasterReckoning.Western ? HumanText.CamelCase(holiday.Reckoning) : null,
            Month = holiday.Month,
            Weekday = holiday.Weekday is { } day ? BusinessCalendar.DayName(day) : null,
            Nth = holiday.Nth,
            Observed = holiday.Observed == HolidayShift.None ? null : HumanText.CamelCase(holiday.Observed),
            From = holiday.FirstYear,
            Until = holiday.LastYear,
            Country = holiday.Country,
            Region = holiday.Region,
        };
        if (holiday.Kind is HolidayKind.Date or HolidayKind.Annual)
        {
            rule.Date = holiday.DateText;
        }

        return new HolidayEntryDocument { Rule = rule };
    }

    /// <summary>A day-based length is ambiguous under the businessHours clock (it used to be read as 24 working hours
    /// a day), and the businessDays clock takes only whole days written as days.</summary>
    private static void CheckTargetDays(ResponseClock? clock, string? text, Duration? within, ProblemList problems, string path)
    {
        if (text is null || within is not { } length)
        {
            return;
        }

        var datePart = text.Split('T')[0];
        if (clock == ResponseClock.BusinessHours && datePart.Contains('D', StringComparison.Ordinal))
        {
            var hours = IsoText.FormatDuration(length);
            var wholeDays = length == Duration.FromDays(length.Days) && length.Days >= 1;
            problems.Add(path, $"{text} under the businessHours clock would be {HumanText.Describe(length).Replace("hour", "working hour", StringComparison.Ordinal)}; "
                + $"write {hours} for {HumanText.Describe(length).Replace("hour", "working hour", StringComparison.Ordinal)}"
                + (wholeDays
                    ? $", or \"clock\": \"businessDays\" for {HumanText.Plural(length.Days, "business day")}"
                    : ", or \"clock\": \"businessDays\" with whole days (P5D) for business days"));
        }
        else if (clock == ResponseClock.BusinessDays && !IsBusinessDaysText(text))
        {
            problems.Add(path, $"{text} is not a number of business days; the businessDays clock takes whole days like P5D (1 to {Limits.MaxBusinessDays})");
        }
    }

    private static bool IsBusinessDaysText(string text) =>
        text.Length >= 3 && text[0] == 'P' && text[^1] == 'D' && text[1] != '0' && text[1..^1].All(char.IsAsciiDigit);

    private static string BusinessDaysText(int days) => string.Create(CultureInfo.InvariantCulture, $"P{days}D");
}
