using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>Instants with offsets and local date-times read in a zone — never silently shifted — in
/// <see cref="TextFormats"/> and in the overrides and unavailability of policy files.</summary>
public class ZonedInstantTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Theory]
    [InlineData("2026-12-23T17:30+01:00", null)]
    [InlineData("2026-12-23T17:30:00+01:00", null)]
    [InlineData("2026-12-23T11:30-05:00", null)]
    [InlineData("2026-12-23T16:30Z", null)]
    [InlineData("2026-12-23T16:30:00Z", "Europe/Berlin")]
    [InlineData("2026-12-23T17:30", "Europe/Berlin")]
    [InlineData("2026-12-23T17:30:00", "Europe/Berlin")]
    [InlineData("2026-12-23T11:30", "America/New_York")]
    public void TryParseInstant_OffsetsAndLocalTimes_AreTheSameInstant(string text, string? zoneId)
    {
        var zone = zoneId is null ? null : DateTimeZoneProviders.Tzdb[zoneId];
        Assert.True(TextFormats.TryParseInstant(text, zone, out var instant, out var reason), reason);
        Assert.Equal(Instant.FromUtc(2026, 12, 23, 16, 30), instant);
    }

    [Fact]
    public void TryParseInstant_Fraction_IsKept()
    {
        Assert.True(TextFormats.TryParseInstant("2026-12-23T17:30:00,25+01:00", null, out var instant, out _));
        Assert.Equal(Instant.FromUtc(2026, 12, 23, 16, 30) + Duration.FromMilliseconds(250), instant);
    }

    [Fact]
    public void TryParseInstant_LocalWithoutZone_IsRefused()
    {
        Assert.False(TextFormats.TryParseInstant("2026-12-23T17:30", null, out _, out var reason));
        Assert.Equal("'2026-12-23T17:30' has no offset; add Z or an offset such as +01:00, or give the time zone to read it in", reason);
    }

    [Fact]
    public void TryParseInstant_SpringGap_IsRefused_NamingTheGap()
    {
        Assert.False(TextFormats.TryParseInstant("2026-03-29T02:30", Berlin, out _, out var reason));
        Assert.Equal(
            "'2026-03-29T02:30' does not exist in Europe/Berlin: the clocks go forward from 2026-03-29T02:00 to 2026-03-29T03:00 at 2026-03-29T01:00:00Z (+01:00 to +02:00); write a time outside the gap, or an offset",
            reason);
    }

    [Fact]
    public void TryParseInstant_AutumnOverlap_IsRefused_NamingBothInstants()
    {
        Assert.False(TextFormats.TryParseInstant("2026-10-25T02:30", Berlin, out _, out var reason));
        Assert.Equal(
            "'2026-10-25T02:30' happens twice in Europe/Berlin: 2026-10-25T02:30:00+02:00 (2026-10-25T00:30:00Z) and 2026-10-25T02:30:00+01:00 (2026-10-25T01:30:00Z); write the offset of the one you mean",
            reason);
        Assert.True(TextFormats.TryParseInstant("2026-10-25T02:30+01:00", Berlin, out var second, out _));
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 1, 30), second);
    }

    [Theory]
    [InlineData("2026-12-23")]
    [InlineData("2026-12-23T17:30+01")]
    [InlineData("2026-12-23 17:30Z")]
    [InlineData("2026-12-23T25:30")]
    public void TryParseInstant_OtherLayouts_AreRefused(string text) =>
        Assert.False(TextFormats.TryParseInstant(text, Berlin, out _, out _));

    [Fact]
    public void Format_InAZone_WritesTheOffset_AndUtcAsBefore()
    {
        var instant = Instant.FromUtc(2026, 12, 23, 16, 30);
        Assert.Equal("2026-12-23T17:30:00+01:00", TextFormats.Format(instant, Berlin));
        Assert.Equal("2026-06-23T18:30:00+02:00", TextFormats.Format(Instant.FromUtc(2026, 6, 23, 16, 30), Berlin));
        Assert.Equal(TextFormats.Format(instant), TextFormats.Format(instant, DateTimeZone.Utc));
        Assert.Equal("2026-12-23T11:30:00.5-05:00", TextFormats.Format(instant + Duration.FromMilliseconds(500), DateTimeZoneProviders.Tzdb["America/New_York"]));
    }

    [Fact]
    public void Format_OffsetWithSeconds_KeepsThem()
    {
        // Liberia kept -00:44:30 until 1972.
        var monrovia = DateTimeZoneProviders.Tzdb["Africa/Monrovia"];
        var text = TextFormats.Format(Instant.FromUtc(1960, 1, 1, 12, 0), monrovia);
        Assert.Equal("1960-01-01T11:15:30-00:44:30", text);
        Assert.True(TextFormats.TryParseInstant(text, null, out var back, out _));
        Assert.Equal(Instant.FromUtc(1960, 1, 1, 12, 0), back);
    }

    [Fact]
    public void Format_ThenParse_GivesTheInstantBack_InAnyZone()
    {
        var zones = DateTimeZoneProviders.Tzdb.Ids.Where((_, i) => i % 7 == 0).Select(id => DateTimeZoneProviders.Tzdb[id]).ToArray();
        var instants = Gen.Choose(0, int.MaxValue).Select(n => Limits.MinInstant + Duration.FromSeconds((long)n * 4) + Duration.FromMilliseconds(n % 3 == 0 ? n % 1000 : 0))
            .Where(Limits.Contains);
        Prop.ForAll(instants.ToArbitrary(), Gen.Elements(zones).ToArbitrary(), (instant, zone) =>
        {
            var text = TextFormats.Format(instant, zone);
            return TextFormats.TryParseInstant(text, null, out var back, out _) && back == instant;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static JsonObject Tree(string? scheduleZone = "Europe/Berlin")
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        tree["schedules"]![0]!["timeZone"] = scheduleZone;
        return tree;
    }

    private static ScheduleOverride OverrideOf(JsonObject tree, string from, string to)
    {
        tree["schedules"]![0]!["overrides"] = new JsonArray(new JsonObject { ["person"] = "devon", ["from"] = from, ["to"] = to, ["layer"] = null });
        return Assert.Single(PolicyJson.Parse(tree.ToJsonString()).FindSchedule("on-call")!.Overrides);
    }

    [Fact]
    public void Override_LocalTimes_AreReadInTheSchedulesZone()
    {
        var o = OverrideOf(Tree(), "2026-12-24T18:00", "2026-12-27T09:00:00");
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 17, 0), o.Start);
        Assert.Equal(Instant.FromUtc(2026, 12, 27, 8, 0), o.End);
    }

    [Fact]
    public void Override_LocalTimes_WithoutAScheduleZone_AreReadInTheCalendarsZone()
    {
        var tree = Tree(null);
        tree["calendar"]!["timeZone"] = "America/New_York";
        var o = OverrideOf(tree, "2026-12-24T18:00", "2026-12-27T09:00");
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 23, 0), o.Start);
    }

    [Fact]
    public void Override_Offsets_AreAccepted_AndWrittenBackInUtc()
    {
        var tree = Tree();
        var o = OverrideOf(tree, "2026-12-24T18:00+01:00", "2026-12-27T09:00+01:00");
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 17, 0), o.Start);

        var written = PolicyJson.Serialize(PolicyJson.Parse(tree.ToJsonString()));
        Assert.Contains("\"from\": \"2026-12-24T17:00:00Z\"", written, StringComparison.Ordinal);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));
    }

    [Fact]
    public void Unavailability_InTheGap_IsAProblemAtItsPath()
    {
        var tree = Tree();
        tree["schedules"]![0]!["unavailability"] = new JsonArray(new JsonObject { ["person"] = "casey", ["from"] = "2026-03-29T02:30", ["to"] = "2026-04-04T00:00" });
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal("$.schedules[0].unavailability[0].from", problem.Path);
        Assert.StartsWith("'2026-03-29T02:30' does not exist in Europe/Berlin", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_InTheOverlap_IsAProblemNamingBothInstants()
    {
        var tree = Tree();
        tree["schedules"]![0]!["overrides"] = new JsonArray(new JsonObject { ["person"] = "devon", ["from"] = "2026-10-24T18:00", ["to"] = "2026-10-25T02:30", ["layer"] = null });
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal("$.schedules[0].overrides[0].to", problem.Path);
        Assert.Contains("2026-10-25T00:30:00Z", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-10-25T01:30:00Z", problem.Reason, StringComparison.Ordinal);
    }
}
