using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    /// <summary>The default policy as a mutable tree, for tests that break one thing in it.</summary>
    private static JsonObject DefaultTree() => JsonNode.Parse(DefaultJson)!.AsObject();

    private static IReadOnlyList<PolicyProblem> ProblemsOf(string json)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(json));
        Assert.False(PolicyJson.TryParse(json, out var policy, out var problems));
        Assert.Null(policy);
        Assert.Equal(ex.Problems, problems);
        return ex.Problems;
    }

    private static PolicyProblem SingleProblem(JsonNode tree) => Assert.Single(ProblemsOf(tree.ToJsonString()));

    [Fact]
    public void Serialize_Default_RoundTripsExactly()
    {
        var parsed = PolicyJson.Parse(DefaultJson);
        Assert.Equal(DefaultJson, PolicyJson.Serialize(parsed));
        Assert.Equal(ResponsePolicy.Default.Calendar, parsed.Calendar);
        Assert.Empty(parsed.Warnings);
    }

    [Fact]
    public void Serialize_Default_WritesFormatVersionAndNulls()
    {
        var tree = DefaultTree();
        Assert.Equal(2, (int)tree["formatVersion"]!);
        Assert.True(tree["calendar"]!.AsObject().ContainsKey("weekdayHours"));
        Assert.Null(tree["calendar"]!["weekdayHours"]);
        var sev3 = tree["severities"]![2]!;
        Assert.True(sev3.AsObject().ContainsKey("postMortem"));
        Assert.Null(sev3["postMortem"]);
        Assert.Null(sev3["declareWithin"]);
        Assert.Equal("PT48H", (string)tree["severities"]![0]!["postMortem"]!["scheduleWithin"]!);
        Assert.DoesNotContain("\r", DefaultJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CalendarWithEverything_RoundTrips()
    {
        var tree = DefaultTree();
        tree["calendar"] = JsonNode.Parse("""
            {"timeZone": "Europe/Berlin", "workingDays": ["monday","tuesday","wednesday","thursday","friday","sunday"],
             "opens": "09:00", "closes": "17:00", "holidays": ["2026-12-25", "--12-26", "--02-29"],
             "weekdayHours": {"sunday": {"opens": "01:00", "closes": "05:00"}, "friday": {"opens": "09:00", "closes": "24:00"}}}
            """);
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal("Europe/Berlin", policy.Calendar.Zone.Id);
        Assert.Equal(3, policy.Calendar.Holidays.Count);
        Assert.True(policy.Calendar.HoursOn(IsoDayOfWeek.Friday)!.Value.ClosesAtEndOfDay);
        var json = PolicyJson.Serialize(policy);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
        Assert.Contains("\"closes\": \"24:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"--02-29\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionalKeysOmitted_Accepted()
    {
        var tree = DefaultTree();
        tree["calendar"]!.AsObject().Remove("holidays");
        tree["calendar"]!.AsObject().Remove("weekdayHours");
        var sev4 = tree["severities"]![3]!.AsObject();
        sev4.Remove("postMortem");
        sev4.Remove("statusUpdates");
        sev4.Remove("declareWithin");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(DefaultJson, PolicyJson.Serialize(policy));
    }

    [Fact]
    public void Parse_MalformedJson_StopsAtFirstWithLine()
    {
        var problem = Assert.Single(ProblemsOf("{\n  \"formatVersion\": 1,\n  \"roles\": [,]\n}"));
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("malformed JSON at line 3, column 13: ", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingComma_IsMalformed()
    {
        var problem = Assert.Single(ProblemsOf("{\"formatVersion\": 1,}"));
        Assert.StartsWith("malformed JSON at line 1", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_IsMalformed()
    {
        var problem = Assert.Single(ProblemsOf(""));
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("malformed JSON", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "a policy must be a JSON object, not a list")]
    [InlineData("null", "a policy must be a JSON object, not null")]
    [InlineData("42", "a policy must be a JSON object, not a number")]
    public void Parse_RootNotObject_Rejected(string json, string reason)
    {
        var problem = Assert.Single(ProblemsOf(json));
        Assert.Equal(new PolicyProblem("$", reason), problem);
    }

    [Fact]
    public void Parse_UnknownKeys_EachReportedWithPath()
    {
        var tree = DefaultTree();
        tree["colour"] = "red";
        tree["calendar"]!["timezone"] = "UTC";
        tree["severities"]![1]!["respond"]!["clok"] = "wallClock";
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                new PolicyProblem("$.colour", "unknown key 'colour'; expected one of: formatVersion, extends, roles, calendar, severities, lifecycle, escalation, severitySuggestion, people, schedules, changeWindows, runbooks"),
                new PolicyProblem("$.calendar.timezone", "unknown key 'timezone'; expected one of: timeZone, workingDays, opens, closes, holidays, weekdayHours"),
                new PolicyProblem("$.severities[1].respond.clok", "unknown key 'clok'; expected one of: within, clock"),
            ],
            problems);
    }

    [Fact]
    public void Parse_DuplicateKeys_EachReportedWithPath()
    {
        var json = DefaultJson
            .Replace("\"opens\": \"09:00\",", "\"opens\": \"09:00\", \"opens\": \"08:00\",", StringComparison.Ordinal)
            .Replace("\"rank\": 2,", "\"rank\": 2, \"rank\": 2,", StringComparison.Ordinal);
        var problems = ProblemsOf(json);
        Assert.Equal(
            [
                new PolicyProblem("$.calendar.opens", "duplicate key 'opens'; each key may appear once"),
                new PolicyProblem("$.severities[1].rank", "duplicate key 'rank'; each key may appear once"),
            ],
            problems);
    }

    [Fact]
    public void Parse_UnknownZone_ReportedWithPath()
    {
        var tree = DefaultTree();
        tree["calendar"]!["timeZone"] = "Europe/Atlantis";
        Assert.Equal(
            new PolicyProblem("$.calendar.timeZone", "unknown time zone 'Europe/Atlantis'; use an IANA id such as Europe/Berlin, America/New_York or UTC"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_DuplicateSeverityIdsAndRanks_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![1]!["id"] = "SEV-1";
        tree["severities"]![3]!["rank"] = 3;
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                new PolicyProblem("$.severities[1].id", "severity id 'SEV-1' is already used by $.severities[0]"),
                new PolicyProblem("$.severities[3].rank", "rank 3 is already used by $.severities[2]"),
            ],
            problems);
    }

    [Fact]
    public void Parse_NegativeAndZeroDurations_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![0]!["respond"]!["within"] = "-PT15M";
        tree["severities"]![0]!["statusUpdates"]!["every"] = "PT0S";
        tree["severities"]![1]!["postMortem"]!["scheduleWithin"] = "PT0S";
        tree["severities"]![1]!["declareWithin"] = "-PT1M";
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                new PolicyProblem("$.severities[0].respond.within", "must not be negative (got minus 15 minutes)"),
                new PolicyProblem("$.severities[0].statusUpdates.every", "must be longer than zero"),
                new PolicyProblem("$.severities[1].declareWithin", "must not be negative (got minus 1 minute)"),
                new PolicyProblem("$.severities[1].postMortem.scheduleWithin", "must be longer than zero"),
            ],
            problems.OrderBy(p => p.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_MalformedDurations_AllReportedAtOnce()
    {
        var tree = DefaultTree();
        tree["severities"]![0]!["respond"]!["within"] = "P1M";
        tree["severities"]![2]!["acknowledge"]!["within"] = "4 hours";
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                new PolicyProblem("$.severities[0].respond.within", "'P1M' uses months, which are not fixed lengths of time; write days, hours, minutes or seconds (P2D = 48 hours)"),
                new PolicyProblem("$.severities[2].acknowledge.within", "'4 hours' is not an ISO 8601 duration; write days, hours, minutes and seconds like PT15M, PT4H, P2D or PT1H30M"),
            ],
            problems);
    }

    [Fact]
    public void Parse_OpensNotBeforeCloses_Reported()
    {
        var tree = DefaultTree();
        tree["calendar"]!["opens"] = "17:00";
        tree["calendar"]!["closes"] = "17:00";
        Assert.Equal(
            new PolicyProblem("$.calendar.closes", "opening time 17:00 must be before closing time 17:00 (use 24:00 to close at the end of the day)"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_OpensAt2400_Reported()
    {
        var tree = DefaultTree();
        tree["calendar"]!["opens"] = "24:00";
        Assert.Equal(new PolicyProblem("$.calendar.opens", "24:00 is allowed only as a closing time"), SingleProblem(tree));
    }

    [Theory]
    [InlineData("2026-02-30", "'2026-02-30' is not a real date")]
    [InlineData("2027-02-29", "'2027-02-29' is not a real date")]
    [InlineData("--02-30", "'--02-30' is not a real day of the year")]
    [InlineData("--13-01", "'--13-01' is not a real day of the year")]
    [InlineData("25.12.2026", "'25.12.2026' is not a holiday; write a date like 2026-12-25 or an annual date like --12-25")]
    public void Parse_ImpossibleHoliday_Reported(string holiday, string reason)
    {
        var tree = DefaultTree();
        tree["calendar"]!["holidays"] = new JsonArray("2026-12-25", holiday);
        Assert.Equal(new PolicyProblem("$.calendar.holidays[1]", reason), SingleProblem(tree));
    }

    [Fact]
    public void Parse_CalendarProblems_AllReportedAtOnce()
    {
        var tree = DefaultTree();
        tree["calendar"] = JsonNode.Parse("""
            {"timeZone": "Mars/Olympus", "workingDays": ["monday", "funday", "monday"], "opens": "9am", "closes": "25:00",
             "holidays": ["2026-12-25", "2026-12-25"], "weekdayHours": {"saturday": {"opens": "10:00", "closes": "12:00"}, "caturday": {"opens": "10:00", "closes": "12:00"}}}
            """);
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                "$.calendar.timeZone",
                "$.calendar.workingDays[1]",
                "$.calendar.opens",
                "$.calendar.closes",
                "$.calendar.weekdayHours.caturday",
                "$.calendar.workingDays[2]",
                "$.calendar.holidays[1]",
            ],
            problems.Select(p => p.Path));
        Assert.Equal("'funday' is not a day of the week; write monday, tuesday, … sunday", problems[1].Reason);
        Assert.Equal("monday is listed twice", problems[5].Reason);
        Assert.Equal("2026-12-25 is listed twice", problems[6].Reason);
    }

    [Fact]
    public void Parse_WeekdayHoursOnNonWorkingDay_Reported()
    {
        var tree = DefaultTree();
        tree["calendar"]!["weekdayHours"] = JsonNode.Parse("""{"sunday": {"opens": "01:00", "closes": "05:00"}}""");
        Assert.Equal(
            new PolicyProblem("$.calendar.weekdayHours.sunday", "sunday has its own hours but is not one of the working days"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_NoWorkingDays_Reported()
    {
        var tree = DefaultTree();
        tree["calendar"]!["workingDays"] = new JsonArray();
        Assert.Equal(new PolicyProblem("$.calendar.workingDays", "at least one working day is required"), SingleProblem(tree));
    }

    [Fact]
    public void Parse_UnknownRoleAndBadRoleId_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![1]!["rolesInvolved"] = new JsonArray("on-call-engineer", "sre-lead");
        tree["roles"]![0]!["id"] = "On Call";
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal("$.roles[0].id", problems[0].Path);
        Assert.Equal("role id 'On Call' must be lower-case letters and digits separated by single hyphens, like 'engineering-manager'", problems[0].Reason);
        Assert.Contains(problems, p => p.Path == "$.severities[1].rolesInvolved[1]" && p.Reason.StartsWith("unknown role 'sre-lead'; the policy's roles are: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateRoleIds_Reported()
    {
        var tree = DefaultTree();
        tree["roles"]![1]!["id"] = "on-call-engineer";
        Assert.Contains(new PolicyProblem("$.roles[1].id", "role id 'on-call-engineer' is already used by $.roles[0]"), ProblemsOf(tree.ToJsonString()));
    }

    [Fact]
    public void Parse_MissingRequiredKeys_Reported()
    {
        var tree = DefaultTree();
        tree.Remove("formatVersion");
        tree["severities"]![0]!.AsObject().Remove("respond");
        tree["severities"]![0]!.AsObject().Remove("rank");
        tree["calendar"]!.AsObject().Remove("timeZone");
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Equal(
            [
                new PolicyProblem("$.formatVersion", "formatVersion is required; this library reads format versions 1 and 2 (write 2)"),
                new PolicyProblem("$.calendar.timeZone", "an IANA time zone id is required, like Europe/Berlin or UTC"),
                new PolicyProblem("$.severities[0].respond", "a target is required: {within, clock}"),
                new PolicyProblem("$.severities[0].rank", "a rank is required"),
            ],
            problems);
    }

    [Fact]
    public void Parse_OtherFormatVersion_Rejected()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 3;
        Assert.Equal(
            new PolicyProblem("$.formatVersion", "format version 3 is not supported; this library reads format versions 1 and 2 (write 2)"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_WrongJsonType_StopsWithPath()
    {
        var tree = DefaultTree();
        tree["severities"]![2]!["rank"] = "three";
        Assert.Equal(new PolicyProblem("$.severities[2].rank", "expected a whole number"), SingleProblem(tree));
    }

    [Theory]
    [InlineData("{\"roles\": {}}", "$.roles", "expected a list")]
    [InlineData("{\"calendar\": []}", "$.calendar", "expected an object")]
    [InlineData("{\"calendar\": {\"timeZone\": 7}}", "$.calendar.timeZone", "expected a string")]
    [InlineData("{\"calendar\": {\"weekdayHours\": []}}", "$.calendar.weekdayHours", "expected an object")]
    [InlineData("{\"formatVersion\": 1e400}", "$.formatVersion", "expected a whole number")]
    [InlineData("{\"formatVersion\": 99999999999}", "$.formatVersion", "expected a whole number")]
    [InlineData("{\"severities\": [{\"postMortem\": {\"actionItemsRequiredBeforeClose\": \"yes\"}}]}", "$.severities[0].postMortem.actionItemsRequiredBeforeClose", "expected true or false")]
    public void Parse_WrongJsonTypes_NameWhatWasExpected(string json, string path, string reason) =>
        Assert.Equal(new PolicyProblem(path, reason), Assert.Single(ProblemsOf(json)));

    [Fact]
    public void Parse_LoneSurrogate_ReportedNotThrown() =>
        Assert.Equal(
            new PolicyProblem("$", "the text is not valid Unicode: it contains a lone surrogate character"),
            Assert.Single(ProblemsOf("{\"formatVersion\": \"\uD800\"}")));

    [Fact]
    public void Parse_LeadingByteOrderMark_Ignored() =>
        Assert.Equal(DefaultJson, PolicyJson.Serialize(PolicyJson.Parse("\uFEFF" + DefaultJson)));

    [Fact]
    public void Parse_TwoDocuments_IsMalformed() =>
        Assert.StartsWith("malformed JSON at line 1, column 4", Assert.Single(ProblemsOf("{} {}")).Reason, StringComparison.Ordinal);

    [Fact]
    public void Parse_EmptyObject_ListsEverySectionMissing() =>
        Assert.Equal(
            ["$.formatVersion", "$.roles", "$.calendar", "$.severities"],
            ProblemsOf("{}").Select(p => p.Path));

    [Theory]
    [InlineData("audience", "loud", "$.severities[0].statusUpdates.audience", "'loud' is not one of external, internalOnly, none")]
    [InlineData("firstWithin", null, "$.severities[0].statusUpdates.firstWithin", "a duration is required")]
    public void Parse_BadStatusUpdates_Reported(string key, string? value, string path, string reason)
    {
        var tree = DefaultTree();
        tree["severities"]![0]!["statusUpdates"]![key] = value;
        Assert.Equal(new PolicyProblem(path, reason), SingleProblem(tree));
    }

    [Fact]
    public void Parse_InternalOnlyWithCadence_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![2]!["statusUpdates"]!["every"] = "PT15M";
        Assert.Equal(
            new PolicyProblem("$.severities[2].statusUpdates.every", "must be null unless the audience is external"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_NextBusinessDayWithWithin_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![3]!["respond"]!["within"] = "PT4H";
        Assert.Equal(
            new PolicyProblem("$.severities[3].respond.within", "must be null when the clock is nextBusinessDay"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_UnknownClock_Reported()
    {
        var tree = DefaultTree();
        tree["severities"]![0]!["acknowledge"]!["clock"] = "sundial";
        Assert.Equal(
            new PolicyProblem("$.severities[0].acknowledge.clock", "'sundial' is not one of wallClock, businessHours, nextBusinessDay, businessDays"),
            SingleProblem(tree));
    }

    [Fact]
    public void Parse_NullListItems_Reported()
    {
        var tree = DefaultTree();
        tree["roles"]!.AsArray().Add(null);
        tree["severities"]!.AsArray().Add(null);
        var problems = ProblemsOf(tree.ToJsonString());
        Assert.Contains(new PolicyProblem("$.roles[8]", "a role must be an object, not null"), problems);
        Assert.Contains(new PolicyProblem("$.severities[4]", "a severity level must be an object, not null"), problems);
    }

    [Fact]
    public void Parse_OverOneMebibyte_Rejected()
    {
        var tree = DefaultTree();
        tree["roles"]![0]!["description"] = new string('x', PolicyJson.MaxDocumentBytes);
        Assert.Equal(new PolicyProblem("$", "the document is larger than 1 MiB"), SingleProblem(tree));
    }

    [Fact]
    public void Parse_NestedDeeperThan64_Rejected()
    {
        var json = "{\"formatVersion\": 1, \"x\": " + new string('[', 70) + new string(']', 70) + "}";
        var problem = Assert.Single(ProblemsOf(json));
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("the document is nested deeper than 64 levels", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlowerSev1_IsWarningNotError()
    {
        var tree = DefaultTree();
        tree["severities"]![0]!["respond"]!["within"] = "PT1H";
        var policy = PolicyJson.Parse(tree.ToJsonString());
        var warning = Assert.Single(policy.Warnings);
        Assert.Equal("$.severities[0].respond", warning.Path);
        Assert.Equal("SEV-1 allows 1 hour to respond, slower than SEV-2's 30 minutes; a more severe level is usually at least as fast", warning.Reason);
    }

    [Fact]
    public void Parse_SeveritiesOutOfOrder_SortedByRankAndPathsKeepDocumentIndex()
    {
        var tree = DefaultTree();
        var severities = tree["severities"]!.AsArray();
        var first = severities[0]!;
        severities.RemoveAt(0);
        first["respond"]!["within"] = "PT1H";
        severities.Add(first);
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal("SEV-1", policy.Severities[0].Id);
        Assert.Equal("$.severities[3].respond", Assert.Single(policy.Warnings).Path);
    }

    [Fact]
    public void Load_MissingFile_ReportsPath()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Load(path));
        Assert.Equal(new PolicyProblem("$", $"policy file '{path}' does not exist"), Assert.Single(ex.Problems));
    }

    [Fact]
    public void Load_Directory_ReportsCannotRead()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Load(Path.GetTempPath()));
        Assert.Equal("$", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void Load_ValidFile_Reads()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, DefaultJson);
        try
        {
            Assert.Equal(DefaultJson, PolicyJson.Serialize(PolicyJson.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryLoad_MissingOrBadFile_AnswersFalseWithTheProblemsLoadThrows()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        Assert.False(PolicyJson.TryLoad(missing, out var policy, out var problems));
        Assert.Null(policy);
        Assert.Equal(Assert.Throws<PolicyValidationException>(() => PolicyJson.Load(missing)).Problems, problems);

        var bad = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(bad, "{\"formatVersion\": 2}");
        try
        {
            Assert.False(PolicyJson.TryLoad(bad, out policy, out problems));
            Assert.Null(policy);
            Assert.NotEmpty(problems);
            Assert.Equal(Assert.Throws<PolicyValidationException>(() => PolicyJson.Load(bad)).Problems, problems);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void TryLoad_ValidFile_AnswersThePolicy()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, DefaultJson);
        try
        {
            Assert.True(PolicyJson.TryLoad(path, out var policy, out var problems));
            Assert.Empty(problems);
            Assert.Equal(DefaultJson, PolicyJson.Serialize(policy));
            Assert.Throws<ArgumentNullException>(() => PolicyJson.TryLoad(null!, out _, out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
