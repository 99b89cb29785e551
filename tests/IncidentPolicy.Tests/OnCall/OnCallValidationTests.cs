using System.Text.Json.Nodes;
using IncidentPolicy.OnCall;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

/// <summary>Every bad-input path of the people and schedules sections: the problem's path and reason.</summary>
public class OnCallValidationTests
{
    private static JsonObject DefaultTree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    private static JsonNode OnCall(JsonObject tree) => tree["schedules"]![0]!;

    private static JsonNode Rotation(JsonObject tree, int schedule = 0) => tree["schedules"]![schedule]!["layers"]![0]!["rotation"]!;

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree) =>
        Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems;

    private static void AssertSingle(JsonNode tree, string path, string reason) =>
        Assert.Equal(new PolicyProblem(path, reason), Assert.Single(ProblemsOf(tree)));

    [Fact]
    public void Parse_DefaultPolicyWithSchedules_RoundTrips()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": "weekly"}]""");
        OnCall(tree)["unavailability"] = JsonNode.Parse("""[{"person": "casey", "from": "2026-12-21T00:00Z", "to": "2027-01-04T00:00Z"}]""");
        OnCall(tree)["whenUnavailable"] = "gap";
        Rotation(tree)["activeWindows"] = JsonNode.Parse("""[{"days": ["monday", "friday"], "from": "18:00", "to": "24:00"}]""");
        Rotation(tree)["timeZone"] = "Europe/Berlin";
        Rotation(tree)["shift"] = JsonNode.Parse("""{"length": "PT36H", "clock": "wallClock"}""");
        var json = PolicyJson.Serialize(PolicyJson.Parse(tree.ToJsonString()));
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
        Assert.Contains("\"length\": \"P1DT12H\"", json, StringComparison.Ordinal);
        Assert.Contains("\"to\": \"24:00\"", json, StringComparison.Ordinal);
        var schedule = PolicyJson.Parse(json).FindSchedule("on-call")!;
        Assert.Equal(UnavailabilityPolicy.Gap, schedule.WhenUnavailable);
        Assert.Equal("Europe/Berlin", schedule.Layers[0].Rotation.TimeZone!.Id);
    }

    [Fact]
    public void Parse_ReadmeSchedulesExample_ValidAndLayered()
    {
        var readme = File.ReadAllText(Support.RepositoryRoot.File("README.md"));
        var section = readme[readme.IndexOf("## Schedules", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var block = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        var example = JsonNode.Parse("{" + block + "}")!;
        var tree = DefaultTree();
        tree["people"] = example["people"]!.DeepClone();
        tree["schedules"] = example["schedules"]!.DeepClone();
        var schedule = PolicyJson.Parse(tree.ToJsonString()).FindSchedule("on-call")!;

        // Tuesday 2026-01-06 10:00 Berlin: the daytime layer (kim, ola daily) wins over weekly (sam).
        Assert.Equal(new OnCallAssignment("on-call", "ola", OnCallReason.Rotation, "daytime", "ola"), schedule.OnCallAt(Instant.FromUtc(2026, 1, 6, 9, 0)));
        Assert.Equal("sam", schedule.OnCallAt(Instant.FromUtc(2026, 1, 6, 20, 0))!.PersonId);
        Assert.Equal(OnCallReason.Override, schedule.OnCallAt(Instant.FromUtc(2026, 12, 25, 12, 0))!.Reason);
    }

    [Fact]
    public void Parse_NoPeopleOrSchedules_Accepted()
    {
        var tree = DefaultTree();
        tree.Remove("people");
        tree.Remove("schedules");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Empty(policy.People);
        Assert.Empty(policy.Schedules);
    }

    [Fact]
    public void Parse_ScheduleWithoutZone_UsesCalendarZone()
    {
        var tree = DefaultTree();
        tree["calendar"]!["timeZone"] = "Europe/Berlin";
        var schedule = PolicyJson.Parse(tree.ToJsonString()).FindSchedule("on-call")!;
        Assert.Equal("Europe/Berlin", schedule.TimeZone.Id);
        Assert.Equal(Instant.FromUtc(2026, 1, 5, 8, 0), schedule.Handoffs(Instant.FromUtc(2026, 1, 5, 0, 0), Instant.FromUtc(2026, 1, 6, 0, 0))[0].At);
    }

    [Fact]
    public void Parse_UnknownPersonInRotation_ReportedAtMember() =>
        AssertSingle(
            WithMember(DefaultTree(), 2, "zed"),
            "$.schedules[0].layers[0].rotation.members[2]",
            "unknown person 'zed'; the policy's people are: alex, blake, casey, devon, emery, finley");

    private static JsonObject WithMember(JsonObject tree, int index, string id)
    {
        Rotation(tree)["members"]![index] = id;
        return tree;
    }

    [Fact]
    public void Parse_CommanderNotSenior_ReportedAtMember()
    {
        var tree = DefaultTree();
        Rotation(tree, 1)["members"]![1] = "casey";
        AssertSingle(
            tree,
            "$.schedules[1].layers[0].rotation.members[1]",
            "'casey' is not tagged 'senior': the Incident Commander rotation draws on senior+ engineers only (tag them in $.people[2].tags)");
    }

    [Fact]
    public void Parse_CommanderOverrideNotSenior_ReportedAtOverride()
    {
        var tree = DefaultTree();
        tree["schedules"]![1]!["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": null}]""");
        AssertSingle(
            tree,
            "$.schedules[1].overrides[0].person",
            "'devon' is not tagged 'senior': the Incident Commander rotation draws on senior+ engineers only (tag them in $.people[3].tags)");
    }

    [Fact]
    public void Parse_OverlappingOverridesOnOneLayer_ReportedAtLater()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""
            [{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": "weekly"},
             {"person": "casey", "from": "2026-12-20T00:00Z", "to": "2026-12-25T00:00Z", "layer": "weekly"},
             {"person": "alex", "from": "2026-12-24T00:00Z", "to": "2026-12-25T00:00Z", "layer": null}]
            """);
        AssertSingle(
            tree,
            "$.schedules[0].overrides[1]",
            "overlaps $.schedules[0].overrides[0] (2026-12-24T18:00:00Z to 2026-12-27T09:00:00Z) on layer weekly; overrides of one layer must not overlap");
    }

    [Fact]
    public void Parse_ChainOfOverlappingOverrides_EachReportedAgainstAnEarlierOne()
    {
        // C overlaps only B, which itself overlaps A: both B and C are reported, each naming an override listed before it.
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""
            [{"person": "devon", "from": "2026-12-01T00:00Z", "to": "2026-12-05T00:00Z", "layer": null},
             {"person": "casey", "from": "2026-12-03T00:00Z", "to": "2026-12-07T00:00Z", "layer": null},
             {"person": "alex", "from": "2026-12-06T00:00Z", "to": "2026-12-08T00:00Z", "layer": null},
             {"person": "alex", "from": "2026-12-08T00:00Z", "to": "2026-12-09T00:00Z", "layer": null},
             {"person": "devon", "from": "2026-11-01T00:00Z", "to": "2026-12-31T00:00Z", "layer": "weekly"}]
            """);
        Assert.Equal(
            [
                new PolicyProblem("$.schedules[0].overrides[1]", "overlaps $.schedules[0].overrides[0] (2026-12-01T00:00:00Z to 2026-12-05T00:00:00Z) on the whole schedule; overrides of one layer must not overlap"),
                new PolicyProblem("$.schedules[0].overrides[2]", "overlaps $.schedules[0].overrides[1] (2026-12-03T00:00:00Z to 2026-12-07T00:00:00Z) on the whole schedule; overrides of one layer must not overlap"),
            ],
            ProblemsOf(tree));
    }

    [Fact]
    public void Parse_ManyOverridesListedBackwards_Accepted()
    {
        var tree = DefaultTree();
        var overrides = new JsonArray();
        var start = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 3_000; i > 0; i--)
        {
            var from = start.AddHours(i);
            overrides.Add(new JsonObject
            {
                ["person"] = i % 2 == 0 ? "casey" : "devon",
                ["from"] = from.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = from.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["layer"] = null,
            });
        }

        OnCall(tree)["overrides"] = overrides;
        OnCall(tree)["unavailability"] = JsonNode.Parse("""
            [{"person": "casey", "from": "2029-01-01T00:00Z", "to": "2029-06-01T00:00Z"},
             {"person": "casey", "from": "2029-02-01T00:00Z", "to": "2029-03-01T00:00Z"}]
            """);

        Assert.Equal(3_000, PolicyJson.Parse(tree.ToJsonString()).Schedules[0].Overrides.Count);
    }

    [Fact]
    public void Parse_OverrideDuringTheSecondOfOverlappingLeaves_NamesTheLeave()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": null}]""");
        OnCall(tree)["unavailability"] = JsonNode.Parse("""
            [{"person": "devon", "from": "2026-12-01T00:00Z", "to": "2026-12-10T00:00Z"},
             {"person": "casey", "from": "2026-12-01T00:00Z", "to": "2026-12-31T00:00Z"},
             {"person": "devon", "from": "2026-12-05T00:00Z", "to": "2026-12-25T00:00Z"},
             {"person": "devon", "from": "2026-12-27T09:00Z", "to": "2026-12-28T00:00Z"}]
            """);
        AssertSingle(
            tree,
            "$.schedules[0].overrides[0].person",
            "'devon' is unavailable during this override ($.schedules[0].unavailability[2]: 2026-12-05T00:00:00Z to 2026-12-25T00:00:00Z)");
    }

    [Fact]
    public void Parse_OverrideOfUnknownLayerAndBackwardsWindow_BothReported()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-27T09:00Z", "to": "2026-12-24T18:00Z", "layer": "nights"}]""");
        Assert.Equal(
            [
                new PolicyProblem("$.schedules[0].overrides[0].to", "must be after from (2026-12-27T09:00:00Z); got 2026-12-24T18:00:00Z"),
            ],
            ProblemsOf(tree));
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": "nights"}]""");
        AssertSingle(tree, "$.schedules[0].overrides[0].layer", "unknown layer 'nights'; the schedule's layers are: weekly (or null for the whole schedule)");
    }

    [Fact]
    public void Parse_OverrideWhilePersonUnavailable_Reported()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-24T18:00Z", "to": "2026-12-27T09:00Z", "layer": null}]""");
        OnCall(tree)["unavailability"] = JsonNode.Parse("""[{"person": "devon", "from": "2026-12-26T00:00Z", "to": "2026-12-28T00:00Z"}]""");
        AssertSingle(
            tree,
            "$.schedules[0].overrides[0].person",
            "'devon' is unavailable during this override ($.schedules[0].unavailability[0]: 2026-12-26T00:00:00Z to 2026-12-28T00:00:00Z)");
    }

    [Theory]
    [InlineData("""{"length": "P1M2D", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "a monthly shift is whole calendar months alone (P1M, P3M); months cannot be mixed with weeks, days or times, which are not a fixed part of a month")]
    [InlineData("""{"length": "P13M", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "a shift must not be longer than 12 months (366 days)")]
    [InlineData("""{"length": "PT0M", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "a wall-clock shift must be at least one minute (PT1M)")]
    [InlineData("""{"length": "P53W", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "a shift must not be longer than 366 days")]
    [InlineData("""{"length": "PT1H30S", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "a shift length must be whole minutes")]
    [InlineData("""{"length": "one week", "clock": "wallClock"}""", "$.schedules[0].layers[0].rotation.shift.length", "'one week' is not an ISO 8601 period; write weeks, days, hours and minutes like P1W, P1D, PT12H or P1DT12H")]
    [InlineData("""{"length": "P1W", "clock": "elapsed"}""", "$.schedules[0].layers[0].rotation.shift.length", "'P1W' uses weeks, which are not fixed lengths of time; write days, hours, minutes or seconds (P2D = 48 hours)")]
    [InlineData("""{"length": "PT0S", "clock": "elapsed"}""", "$.schedules[0].layers[0].rotation.shift.length", "an elapsed shift must be at least one minute (PT1M)")]
    [InlineData("""{"length": "P1D", "clock": "sundial"}""", "$.schedules[0].layers[0].rotation.shift.clock", "'sundial' is not one of wallClock, elapsed")]
    [InlineData("""{"length": "P1D", "clock": "elapsed", "colour": 1}""", "$.schedules[0].layers[0].rotation.shift.colour", "unknown key 'colour'; expected one of: length, clock, anchor")]
    [InlineData("null", "$.schedules[0].layers[0].rotation.shift", "a shift is required: {length, clock}, like {\"length\": \"P1W\", \"clock\": \"wallClock\"}")]
    public void Parse_BadShift_ReportedWithPath(string shift, string path, string reason)
    {
        var tree = DefaultTree();
        Rotation(tree)["shift"] = JsonNode.Parse(shift);
        AssertSingle(tree, path, reason);
    }

    [Theory]
    [InlineData("start", "\"2026-01-05T09:00Z\"", "$.schedules[0].layers[0].rotation.start", "'2026-01-05T09:00Z' has an offset; write the local date and time without one, like 2026-01-05T09:00: it is read in the rotation's time zone")]
    [InlineData("start", "\"2026-02-30T09:00\"", "$.schedules[0].layers[0].rotation.start", "'2026-02-30T09:00' is not a local date and time; write yyyy-MM-ddTHH:mm like 2026-01-05T09:00")]
    [InlineData("start", "null", "$.schedules[0].layers[0].rotation.start", "a local date and time is required, like 2026-01-05T09:00")]
    [InlineData("timeZone", "\"Mars/Olympus\"", "$.schedules[0].layers[0].rotation.timeZone", "unknown time zone 'Mars/Olympus'; use an IANA id such as Europe/Berlin, America/New_York or UTC (or null)")]
    [InlineData("members", "[]", "$.schedules[0].layers[0].rotation.members", "at least one member is required")]
    [InlineData("members", "null", "$.schedules[0].layers[0].rotation.members", "members are required: a list of person ids in turn order")]
    [InlineData("members", "[\"casey\", \"casey\"]", "$.schedules[0].layers[0].rotation.members[1]", "'casey' is already a member at $.schedules[0].layers[0].rotation.members[0]; list each person once")]
    [InlineData("members", "[\"Casey\"]", "$.schedules[0].layers[0].rotation.members[0]", "person id 'Casey' must be lower-case letters and digits separated by single hyphens, like 'sam-lee'")]
    [InlineData("activeWindows", "[{\"days\": [], \"from\": \"09:00\", \"to\": \"17:00\"}]", "$.schedules[0].layers[0].rotation.activeWindows[0].days", "at least one day is required")]
    [InlineData("activeWindows", "[{\"days\": [\"monday\", \"funday\"], \"from\": \"09:00\", \"to\": \"17:00\"}]", "$.schedules[0].layers[0].rotation.activeWindows[0].days[1]", "'funday' is not a day of the week; write monday, tuesday, … sunday")]
    [InlineData("activeWindows", "[{\"days\": [\"monday\", \"monday\"], \"from\": \"09:00\", \"to\": \"17:00\"}]", "$.schedules[0].layers[0].rotation.activeWindows[0].days[1]", "monday is listed twice")]
    [InlineData("activeWindows", "[{\"days\": [\"monday\"], \"from\": \"24:00\", \"to\": \"17:00\"}]", "$.schedules[0].layers[0].rotation.activeWindows[0].from", "24:00 is allowed only as a closing time")]
    [InlineData("activeWindows", "[null]", "$.schedules[0].layers[0].rotation.activeWindows[0]", "an active window must be an object {days, from, to}, not null")]
    public void Parse_BadRotation_ReportedWithPath(string key, string value, string path, string reason)
    {
        var tree = DefaultTree();
        Rotation(tree)[key] = JsonNode.Parse(value);
        AssertSingle(tree, path, reason);
    }

    [Fact]
    public void Parse_ElapsedShiftWithWindowsInDstZone_Reported()
    {
        var tree = DefaultTree();
        Rotation(tree)["shift"] = JsonNode.Parse("""{"length": "P1D", "clock": "elapsed"}""");
        Rotation(tree)["activeWindows"] = JsonNode.Parse("""[{"days": ["monday"], "from": "09:00", "to": "17:00"}]""");
        Assert.Equal(["$.schedules[0]"], PolicyJson.Parse(tree.ToJsonString()).Warnings.Select(w => w.Path)); // fine in UTC, bar the gaps the window leaves
        OnCall(tree)["timeZone"] = "Europe/Berlin";
        AssertSingle(
            tree,
            "$.schedules[0].layers[0].rotation.activeWindows",
            "active windows need a wall-clock shift length in Europe/Berlin: its UTC offset changes after the rotation's start (from +01 to +02 at 2026-03-29T01:00:00Z), and elapsed shifts would drift across the windows; use a period such as P1D, or a zone such as UTC");
    }

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/Sao_Paulo")]
    public void Parse_ElapsedShiftWithWindows_ZoneWhoseOffsetChangedOnlyBeforeTheStart_Valid(string zone)
    {
        var tree = DefaultTree();
        Rotation(tree)["shift"] = JsonNode.Parse("""{"length": "PT12H", "clock": "elapsed"}""");
        Rotation(tree)["activeWindows"] = JsonNode.Parse("""[{"days": ["monday"], "from": "09:00", "to": "17:00"}]""");
        OnCall(tree)["timeZone"] = zone;
        var schedule = PolicyJson.Parse(tree.ToJsonString()).Schedules[0];
        var monday = new LocalDateTime(2026, 6, 1, 10, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();
        Assert.NotNull(schedule.OnCallAt(monday));
        Assert.Null(schedule.OnCallAt(monday + Duration.FromHours(8)));
    }

    [Fact]
    public void Rotation_ElapsedShiftWithWindows_StartBeforeTheLastOffsetChange_NamesTheChange()
    {
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        var window = new ActiveWindow([IsoDayOfWeek.Monday], new LocalTime(9, 0), new LocalTime(17, 0));
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => new Rotation(
            ["a"], new LocalDateTime(2018, 12, 3, 9, 0), ShiftLength.Elapsed(Duration.FromDays(1)), saoPaulo, [window])).Problems);
        Assert.Equal(
            "active windows need a wall-clock shift length in America/Sao_Paulo: its UTC offset changes after the rotation's start (from -02 to -03 at 2019-02-17T02:00:00Z), and elapsed shifts would drift across the windows; use a period such as P1D, or a zone such as UTC",
            problem.Reason);
        Assert.NotNull(new Rotation(["a"], new LocalDateTime(2019, 3, 4, 9, 0), ShiftLength.Elapsed(Duration.FromDays(1)), saoPaulo, [window]));
    }

    [Fact]
    public void Parse_BadScheduleFields_AllReportedAtOnce()
    {
        var tree = DefaultTree();
        OnCall(tree)["role"] = "firefighter";
        OnCall(tree)["whenUnavailable"] = "shrug";
        OnCall(tree)["name"] = " ";
        tree["schedules"]![1]!["id"] = "on-call";
        tree["schedules"]![1]!["layers"] = JsonNode.Parse("[]");
        Assert.Equal(
            [
                new PolicyProblem("$.schedules[0].name", "a name is required"),
                new PolicyProblem("$.schedules[0].role", "unknown role 'firefighter'; the policy's roles are: comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering"),
                new PolicyProblem("$.schedules[0].whenUnavailable", "'shrug' is not one of nextAvailableMember, gap"),
                new PolicyProblem("$.schedules[1].id", "schedule id 'on-call' is already used by $.schedules[0]"),
                new PolicyProblem("$.schedules[1].layers", "at least one layer is required"),
            ],
            ProblemsOf(tree).OrderBy(p => p.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateLayerIdAndMissingRotation_Reported()
    {
        var tree = DefaultTree();
        var layers = OnCall(tree)["layers"]!.AsArray();
        layers.Add(JsonNode.Parse(layers[0]!.ToJsonString()));
        layers.Add(JsonNode.Parse("""{"id": "third"}"""));
        Assert.Equal(
            [
                new PolicyProblem("$.schedules[0].layers[1].id", "layer id 'weekly' is already used by $.schedules[0].layers[0]"),
                new PolicyProblem("$.schedules[0].layers[2].rotation", "a rotation is required: {members, start, timeZone, shift, activeWindows}"),
            ],
            ProblemsOf(tree).OrderBy(p => p.Path, StringComparer.Ordinal));
        layers.RemoveAt(2);
        AssertSingle(tree, "$.schedules[0].layers[1].id", "layer id 'weekly' is already used by $.schedules[0].layers[0]");
    }

    [Fact]
    public void Parse_BadPeople_ReportedWithPath()
    {
        var tree = DefaultTree();
        var people = tree["people"]!.AsArray();
        people[1]!["tags"] = JsonNode.Parse("""["senior", "Senior", "senior"]""");
        people.Add(JsonNode.Parse("""{"id": "alex", "name": "Another Alex", "tags": []}"""));
        people.Add(JsonNode.Parse("""{"id": "sam", "name": "Sam", "email": "sam@example.com"}"""));
        people.Add(null);
        Assert.Equal(
            [
                new PolicyProblem("$.people[1].tags[1]", "tag 'Senior' must be lower-case letters and digits separated by single hyphens, like 'senior'"),
                new PolicyProblem("$.people[1].tags[2]", "tag 'senior' is listed twice"),
                new PolicyProblem("$.people[6].id", "person id 'alex' is already used by $.people[0]"),
                new PolicyProblem("$.people[7].email", "unknown key 'email'; expected one of: id, name, tags"),
                new PolicyProblem("$.people[8]", "a person must be an object {id, name, tags}, not null"),
            ],
            ProblemsOf(tree).OrderBy(p => p.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_BadOverrideAndUnavailabilityInstants_Reported()
    {
        var tree = DefaultTree();
        OnCall(tree)["overrides"] = JsonNode.Parse("""[{"person": "devon", "from": "tomorrow", "to": "2026-12-27T09:00+1"}]""");
        OnCall(tree)["unavailability"] = JsonNode.Parse("""[{"person": "zed", "from": "2026-12-21T00:00Z", "to": "2027-01-04T00:00Z"}, null]""");
        Assert.Equal(
            [
                new PolicyProblem("$.schedules[0].overrides[0].from", "'tomorrow' is not an instant; write ISO 8601 with Z or an offset, like 2026-05-30T15:00Z or 2026-05-30T17:00+02:00, or a local date and time like 2026-05-30T17:00 read in a time zone"),
                new PolicyProblem("$.schedules[0].overrides[0].to", "'2026-12-27T09:00+1' is not an instant; write ISO 8601 with Z or an offset, like 2026-05-30T15:00Z or 2026-05-30T17:00+02:00, or a local date and time like 2026-05-30T17:00 read in a time zone"),
                new PolicyProblem("$.schedules[0].unavailability[1]", "an unavailability must be an object {person, from, to}, not null"),
            ],
            ProblemsOf(tree).OrderBy(p => p.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void WithSchedules_UnknownPersonInCode_PathAsInFile()
    {
        var schedule = new Schedule(
            "extra", "Extra", null, DateTimeZone.Utc,
            [new ScheduleLayer("main", new Rotation(["alex", "nobody"], new LocalDateTime(2026, 1, 5, 9, 0), ShiftLength.WallClock(Period.FromDays(1))))]);
        var ex = Assert.Throws<PolicyValidationException>(() => ResponsePolicy.Default.WithSchedules([.. ResponsePolicy.Default.Schedules, schedule]));
        Assert.Equal(
            new PolicyProblem("$.schedules[2].layers[0].rotation.members[1]", "unknown person 'nobody'; the policy's people are: alex, blake, casey, devon, emery, finley"),
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void WithOnCall_RemovingPeopleAndSchedulesTogether_Valid()
    {
        var policy = ResponsePolicy.Default.WithOnCall([], []);
        Assert.Empty(policy.People);
        Assert.Throws<PolicyValidationException>(() => ResponsePolicy.Default.WithPeople([]));
    }

    [Fact]
    public void Constructors_BadValuesInCode_RelativePaths()
    {
        Assert.Equal("members", Assert.Single(Assert.Throws<PolicyValidationException>(
            () => new Rotation([], new LocalDateTime(2026, 1, 5, 9, 0), ShiftLength.WallClock(Period.FromDays(1)))).Problems).Path);
        Assert.Equal("$", Assert.Single(Assert.Throws<PolicyValidationException>(() => ShiftLength.WallClock(Period.FromMonths(13))).Problems).Path);
        Assert.Equal("to", Assert.Single(Assert.Throws<PolicyValidationException>(
            () => new ScheduleOverride("a", Instant.FromUtc(2026, 1, 2, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0))).Problems).Path);
        Assert.Equal("id", Assert.Single(Assert.Throws<PolicyValidationException>(() => new Person("Sam", "Sam")).Problems).Path);
        Assert.Equal("days", Assert.Single(Assert.Throws<PolicyValidationException>(() => new ActiveWindow([], LocalTime.Noon, LocalTime.Midnight)).Problems).Path);
        Assert.Equal("activeWindows", Assert.Single(Assert.Throws<PolicyValidationException>(() => new Rotation(
            ["a"], new LocalDateTime(2026, 1, 5, 9, 0), ShiftLength.Elapsed(Duration.FromDays(1)), DateTimeZoneProviders.Tzdb["Europe/Berlin"],
            [new ActiveWindow([IsoDayOfWeek.Monday], LocalTime.Noon, LocalTime.Midnight)])).Problems).Path);
    }
}
