using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>Holiday rules, country holidays through a source, and day-based response targets in policy files.</summary>
public class PolicyJsonHolidayTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    /// <summary>A source that knows one country with one region, as a test double of IncidentPolicy.PublicHolidays.</summary>
    private sealed class OneCountry : IHolidaySource
    {
        public bool TryGet(string country, string? region, [NotNullWhen(true)] out Func<int, IReadOnlyList<HolidayDate>>? holidaysInYear, out string reason)
        {
            holidaysInYear = null;
            if (country != "XX" || region is not (null or "NORTH"))
            {
                reason = country == "XX" ? $"'{region}' is not a region of XX; known: NORTH" : $"'{country}' is not a country; known: XX";
                return false;
            }

            holidaysInYear = year => [new HolidayDate(new LocalDate(year, 6, region is null ? 1 : 2), "Founders' Day")];
            reason = "";
            return true;
        }
    }

    private static readonly PolicyReadOptions WithSource = new() { HolidaySource = new OneCountry() };

    private static JsonObject TreeWithHolidays(params JsonNode?[] holidays)
    {
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        tree["calendar"]!["holidays"] = new JsonArray(holidays);
        return tree;
    }

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree, PolicyReadOptions? options = null)
    {
        Assert.False(PolicyJson.TryParse(tree.ToJsonString(), options ?? PolicyReadOptions.Default, out var policy, out var problems));
        Assert.Null(policy);
        return problems;
    }

    [Fact]
    public void HolidayRules_ReadWrittenAndReadBack_ByteIdentical()
    {
        var tree = TreeWithHolidays(
            "2026-12-24",
            "--12-31",
            JsonNode.Parse("""{"name": "Easter Monday", "easter": 1}"""),
            JsonNode.Parse("""{"easter": 0, "reckoning": "orthodox"}"""),
            JsonNode.Parse("""{"name": "Thanksgiving", "month": 11, "weekday": "thursday", "nth": 4}"""),
            JsonNode.Parse("""{"month": 5, "weekday": "monday", "nth": -1, "from": 1971}"""),
            JsonNode.Parse("""{"date": "--12-25", "observed": "nearestWeekday", "from": 2000, "until": 2100}"""),
            JsonNode.Parse("""{"name": "Christmas Eve", "date": "2027-12-24"}"""),
            JsonNode.Parse("""{"country": "XX", "region": "NORTH"}"""));
        var policy = PolicyJson.Parse(tree.ToJsonString(), WithSource);
        var written = PolicyJson.Serialize(policy);

        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written, WithSource)));
        Assert.Contains("\"2026-12-24\",", written, StringComparison.Ordinal);
        Assert.Contains("\"easter\": 1", written, StringComparison.Ordinal);
        Assert.Contains("\"reckoning\": \"orthodox\"", written, StringComparison.Ordinal);
        Assert.Contains("\"observed\": \"nearestWeekday\"", written, StringComparison.Ordinal);
        Assert.Contains("\"country\": \"XX\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"easter\": null", written, StringComparison.Ordinal);
        Assert.Equal(
            [Holiday.On(new LocalDate(2026, 12, 24)), Holiday.Every(new AnnualDate(12, 31)), Holiday.Easter(1).WithName("Easter Monday"),
             Holiday.Easter(0, EasterReckoning.Orthodox), Holiday.NthWeekday(11, IsoDayOfWeek.Thursday, 4).WithName("Thanksgiving"),
             Holiday.LastWeekday(5, IsoDayOfWeek.Monday).WithYears(1971, null),
             Holiday.Every(new AnnualDate(12, 25)).WithObserved(HolidayShift.NearestWeekday).WithYears(2000, 2100),
             Holiday.On(new LocalDate(2027, 12, 24)).WithName("Christmas Eve"), Holiday.FromSource(new OneCountry(), "XX", "NORTH")],
            policy.Calendar.Holidays);
        Assert.True(policy.Calendar.IsHoliday(new LocalDate(2026, 6, 2)));
        Assert.False(policy.Calendar.IsHoliday(new LocalDate(2026, 6, 1)));
    }

    [Fact]
    public void CountryHoliday_WithoutSource_ErrorSaysToPassIncidentPolicyPublicHolidays()
    {
        var problem = Assert.Single(ProblemsOf(TreeWithHolidays("2026-12-24", JsonNode.Parse("""{"country": "DE", "region": "BY"}"""))));
        Assert.Equal("$.calendar.holidays[1].country", problem.Path);
        Assert.Contains("IncidentPolicy.PublicHolidays", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("PolicyReadOptions.HolidaySource", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CountryHoliday_UnknownCountryOrRegion_ErrorListsWhatTheSourceKnows()
    {
        Assert.Equal(
            [new PolicyProblem("$.calendar.holidays[0].country", "'YY' is not a country; known: XX")],
            ProblemsOf(TreeWithHolidays(JsonNode.Parse("""{"country": "YY"}""")), WithSource));
        Assert.Equal(
            [new PolicyProblem("$.calendar.holidays[0].region", "'SOUTH' is not a region of XX; known: NORTH")],
            ProblemsOf(TreeWithHolidays(JsonNode.Parse("""{"country": "XX", "region": "SOUTH"}""")), WithSource));
    }

    [Fact]
    public void CountryHoliday_ChangesTheContentHash()
    {
        var plain = PolicyJson.Parse(TreeWithHolidays("2026-12-24").ToJsonString());
        var north = PolicyJson.Parse(TreeWithHolidays("2026-12-24", JsonNode.Parse("""{"country": "XX", "region": "NORTH"}""")).ToJsonString(), WithSource);
        var whole = PolicyJson.Parse(TreeWithHolidays("2026-12-24", JsonNode.Parse("""{"country": "XX"}""")).ToJsonString(), WithSource);
        Assert.Equal(3, new[] { plain.ContentHash, north.ContentHash, whole.ContentHash }.Distinct().Count());
    }

    [Fact]
    public void HolidayObjects_BadShapes_ReportedAtTheirPaths()
    {
        var problems = ProblemsOf(TreeWithHolidays(
            JsonNode.Parse("""{"easter": 1, "month": 3}"""),
            JsonNode.Parse("""{"name": "x"}"""),
            JsonNode.Parse("""{"month": 11, "weekday": "thursday"}"""),
            JsonNode.Parse("""{"easter": 1, "observed": "sometimes"}"""),
            JsonNode.Parse("""{"easter": 1, "colour": "red"}"""),
            JsonNode.Parse("""{"date": "2026-12-24", "from": 2020}"""),
            JsonNode.Parse("""{"easter": 400}""")));
        Assert.Equal(
            [
                "$.calendar.holidays[0]", "$.calendar.holidays[1]", "$.calendar.holidays[2].nth", "$.calendar.holidays[3].observed",
                "$.calendar.holidays[4].colour", "$.calendar.holidays[5].from",
            ],
            problems.Take(6).Select(p => p.Path));
        Assert.Equal("$.calendar.holidays[6].easter", problems[^1].Path);
        Assert.Equal(7, problems.Count);
        Assert.Contains("a holiday: a date like 2026-12-25", Assert.Single(ProblemsOf(TreeWithHolidays(42))).Reason, StringComparison.Ordinal);
        Assert.Equal("$.calendar.holidays[0].easter", Assert.Single(ProblemsOf(TreeWithHolidays(JsonNode.Parse("""{"easter": 400}""")))).Path);
    }

    [Fact]
    public void DaysUnderBusinessHours_ErrorNamesBothReadings()
    {
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        tree["severities"]![2]!["respond"]!["within"] = "P5D";
        Assert.Equal(
            new PolicyProblem(
                "$.severities[2].respond.within",
                "P5D under the businessHours clock would be 120 working hours; write PT120H for 120 working hours, or \"clock\": \"businessDays\" for 5 business days"),
            Assert.Single(ProblemsOf(tree)));

        tree["severities"]![2]!["respond"]!["within"] = "P1DT2H";
        Assert.StartsWith("P1DT2H under the businessHours clock would be 26 working hours; write PT26H", Assert.Single(ProblemsOf(tree)).Reason, StringComparison.Ordinal);

        tree["severities"]![2]!["respond"]!["within"] = "PT120H";
        Assert.Equal(Duration.FromHours(120), PolicyJson.Parse(tree.ToJsonString()).Severities.Find("SEV-3")!.ResponseTarget.Within);
    }

    [Fact]
    public void BusinessDaysTarget_ReadWrittenAsDays_AndValidated()
    {
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        tree["severities"]![3]!["respond"] = JsonNode.Parse("""{"within": "P5D", "clock": "businessDays"}""");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(ResponseTarget.BusinessDays(5), policy.Severities.Find("SEV-4")!.ResponseTarget);
        var written = PolicyJson.Serialize(policy);
        Assert.Contains("\"within\": \"P5D\",", written, StringComparison.Ordinal);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));

        foreach (var bad in new[] { "PT120H", "P0D", "P367D", "P1DT1H" })
        {
            tree["severities"]![3]!["respond"]!["within"] = bad;
            Assert.Equal("$.severities[3].respond.within", Assert.Single(ProblemsOf(tree)).Path);
        }

        tree["severities"]![3]!["respond"]!["within"] = null;
        Assert.Equal("$.severities[3].respond.within", Assert.Single(ProblemsOf(tree)).Path);
    }

    [Fact]
    public void NextBusinessDay_StillReadAndWrittenAsItself()
    {
        var policy = PolicyJson.Parse(DefaultJson);
        Assert.Same(ResponseTarget.NextBusinessDay, policy.Severities.Find("SEV-4")!.ResponseTarget);
        Assert.Contains("\"clock\": \"nextBusinessDay\"", PolicyJson.Serialize(policy), StringComparison.Ordinal);
    }
}
