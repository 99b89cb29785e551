using System.Text.Json.Nodes;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;
using PublicHoliday;
using Holiday = IncidentPolicy.Calendars.Holiday;

namespace IncidentPolicy.PublicHolidays.Tests;

public class PublicHolidaySourceTests
{
    private static readonly PolicyReadOptions Options = new() { HolidaySource = PublicHolidaySource.Instance };

    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static BusinessCalendar Utc(params Holiday[] holidays) =>
        new(DateTimeZone.Utc, MondayToFriday, WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)), holidays);

    [Fact]
    public void Easter_WesternAndOrthodox_AgreeWithPublicHolidayFrom1900To2200()
    {
        var western = Utc(Holiday.Easter(0));
        var orthodox = Utc(Holiday.Easter(0, EasterReckoning.Orthodox));
        for (var year = 1900; year <= 2200; year++)
        {
            Assert.Equal(LocalDate.FromDateTime(GermanPublicHoliday.EasterSunday(year)), Assert.Single(western.HolidayDatesIn(year)));

            // The package converts Julian to Gregorian dates with a fixed 13 days: one day short from March 2100 and two
            // from March 2200, where its Orthodox Easter is not a Sunday; the core converts with NodaTime's Julian calendar.
            var package = LocalDate.FromDateTime(SerbianPublicHoliday.Easter(year));
            var expected = package.PlusDays(year >= 2200 ? 2 : year >= 2100 ? 1 : 0);
            Assert.Equal(expected, Assert.Single(orthodox.HolidayDatesIn(year)));
            Assert.Equal(IsoDayOfWeek.Sunday, expected.DayOfWeek);
        }
    }

    [Fact]
    public void EveryCountryAndRegion_ResolvesAYear()
    {
        var resolved = 0;
        foreach (var (country, regions) in PublicHolidaySource.Instance.Countries)
        {
            foreach (var region in regions.Prepend(null))
            {
                var calendar = Utc(Holiday.FromSource(PublicHolidaySource.Instance, country, region));
                var dates = calendar.HolidayDatesIn(2026);
                Assert.True(dates.Count >= 3, $"{country} {region}: {dates.Count} holidays in 2026");
                Assert.All(dates, d => Assert.Equal(2026, d.Year));
                resolved++;
            }
        }

        Assert.Equal(39, PublicHolidaySource.Instance.Countries.Count);
        Assert.True(resolved > 120, $"{resolved} calendars");
    }

    [Fact]
    public void EveryCountryOfThePackagesCodes_IsKnown()
    {
        foreach (var code in Enum.GetNames<PublicHolidayCountryCode>().Where(c => c != "Po"))
        {
            Assert.True(PublicHolidaySource.Instance.Countries.ContainsKey(code), code);
        }
    }

    [Fact]
    public void Germany_BerlinAndBavaria_HaveTheirOwnHolidays()
    {
        var berlin = Utc(Holiday.FromSource(PublicHolidaySource.Instance, "DE", "BE"));
        var bavaria = Utc(Holiday.FromSource(PublicHolidaySource.Instance, "de", "by"));
        Assert.True(berlin.IsHoliday(new LocalDate(2026, 3, 8))); // International Women's Day, Berlin only
        Assert.False(bavaria.IsHoliday(new LocalDate(2026, 3, 8)));
        Assert.True(bavaria.IsHoliday(new LocalDate(2026, 1, 6))); // Epiphany
        Assert.True(bavaria.IsHoliday(new LocalDate(2026, 6, 4))); // Corpus Christi
        Assert.Equal(
            [new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 26)],
            berlin.HolidayDatesIn(2026).Where(d => d.Month == 12));
    }

    [Fact]
    public void UnitedStatesAndUk_ObservedDatesCount()
    {
        var us = Utc(Holiday.FromSource(PublicHolidaySource.Instance, "US"));
        Assert.True(us.IsHoliday(new LocalDate(2021, 12, 31))); // New Year's Day 2022 (a Saturday), observed
        Assert.True(us.IsHoliday(new LocalDate(2026, 11, 26))); // Thanksgiving
        var england = Utc(Holiday.FromSource(PublicHolidaySource.Instance, "GB", "ENG"));
        Assert.True(england.IsHoliday(new LocalDate(2021, 12, 27)));
        Assert.True(england.IsHoliday(new LocalDate(2021, 12, 28)));
    }

    [Fact]
    public void UnknownCountryOrRegion_ReasonListsWhatIsKnown()
    {
        Assert.False(PublicHolidaySource.Instance.TryGet("XX", null, out _, out var country));
        Assert.StartsWith("'XX' is not a country of the PublicHoliday package; known: AT, AU, BE,", country, StringComparison.Ordinal);
        Assert.False(PublicHolidaySource.Instance.TryGet("DE", "ZZ", out _, out var region));
        Assert.StartsWith("'ZZ' is not a region of DE in the PublicHoliday package; known: BW, BY, BE,", region, StringComparison.Ordinal);
        Assert.False(PublicHolidaySource.Instance.TryGet("DE", "1", out _, out _));
        Assert.False(PublicHolidaySource.Instance.TryGet("DE", "ALL", out _, out _));
        Assert.False(PublicHolidaySource.Instance.TryGet("AT", "W", out _, out var none));
        Assert.Equal("the PublicHoliday package has no regions for AT; leave region out", none);
    }

    [Fact]
    public void Turkey_OutsideTheHijriCalendarsYears_GivesNoHolidaysRatherThanThrowing()
    {
        var turkey = Utc(Holiday.FromSource(PublicHolidaySource.Instance, "TR"));
        Assert.NotEmpty(turkey.HolidayDatesIn(2026));
        Assert.Empty(turkey.HolidayDatesIn(2150));
    }

    [Fact]
    public void BerlinPolicy_P3AndP5Deadlines_AcrossChristmasAndNewYear()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"] = JsonNode.Parse("""
            {"timeZone": "Europe/Berlin", "workingDays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
             "opens": "08:00", "closes": "18:00", "weekdayHours": {"friday": {"opens": "08:00", "closes": "14:00"}},
             "holidays": ["2026-12-24", {"country": "DE", "region": "BE"}]}
            """);
        tree["severities"]![2]!["respond"] = JsonNode.Parse("""{"within": "PT4H", "clock": "businessHours"}""");
        tree["severities"]![3]!["acknowledge"] = JsonNode.Parse("""{"within": "P5D", "clock": "businessDays"}""");
        tree["severities"]![3]!["respond"] = JsonNode.Parse("""{"within": "P5D", "clock": "businessDays"}""");
        var policy = PolicyJson.Parse(tree.ToJsonString(), Options);
        var alert = Instant.FromUtc(2026, 12, 23, 16, 30);

        var sev3 = policy.Severities.Find("SEV-3")!.ResponseTarget.DueAfter(alert, policy.Calendar);
        var sev4 = policy.Severities.Find("SEV-4")!.ResponseTarget.DueAfter(alert, policy.Calendar);
        Assert.Equal(Instant.FromUtc(2026, 12, 28, 10, 30), sev3); // 17:30–18:00 Wednesday, 08:00–11:30 Monday
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 17, 0), sev4); // Mon 28, Tue 29, Wed 30, Thu 31 Dec, Mon 4 Jan
        Assert.Equal(PolicyJson.Serialize(policy), PolicyJson.Serialize(PolicyJson.Parse(PolicyJson.Serialize(policy), Options)));
        Assert.Matches("\\{\\n\\s+\"country\": \"DE\",\\n\\s+\"region\": \"BE\"\\n\\s+\\}", PolicyJson.Serialize(policy));
    }
}
