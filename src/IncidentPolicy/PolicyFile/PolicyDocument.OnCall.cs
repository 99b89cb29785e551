using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy;

// The on-call sections of the policy file: people and schedules. They come after the sections of PolicyDocument.cs
// (JsonPropertyOrder), so that files list roles, calendar and severities first.

internal sealed partial class PolicyDocument
{
    [JsonPropertyOrder(1), SchemaDescription("People who can be on call; schedules refer to them by id.")]
    public List<PersonDocument?>? People { get; set; }

    [JsonPropertyOrder(2), SchemaDescription("On-call schedules: layered rotations with overrides and unavailability. A schedule whose role is incident-commander is the Incident Commander rotation; its people must be tagged senior.")]
    public List<ScheduleDocument?>? Schedules { get; set; }
}

internal sealed class PersonDocument
{
    [RequiredKey, SchemaDescription("Stable id in lower-case kebab form, e.g. sam-lee.")]
    [TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "sam-lee")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Display name.")]
    public string? Name { get; set; }

    [TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "senior"), SchemaDescription("Tags in lower-case kebab form; 'senior' marks senior+ engineers, who may be Incident Commander.")]
    public List<string?>? Tags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class ScheduleDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "on-call"), SchemaDescription("Stable id in lower-case kebab form, e.g. on-call.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Display name.")]
    public string? Name { get; set; }

    [TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "on-call-engineer"), SchemaDescription("Id of the role the schedule staffs; null for none.")]
    public string? Role { get; set; }

    [SchemaDescription("IANA time zone id of rotations without their own; null for the calendar's zone.")]
    public string? TimeZone { get; set; }

    [EnumText(typeof(UnavailabilityPolicy)), SchemaDescription("What happens to an unavailable person's shift: nextAvailableMember (default) or gap.")]
    public string? WhenUnavailable { get; set; }

    [RequiredKey, SchemaDescription("Layers, lowest first: a later layer wins where it has someone on call.")]
    public List<LayerDocument?>? Layers { get; set; }

    [SchemaDescription("Someone on call in place of whoever is scheduled, on one layer or (layer null) the whole schedule.")]
    public List<OverrideDocument?>? Overrides { get; set; }

    [SchemaDescription("Times people cannot be on call.")]
    public List<UnavailabilityDocument?>? Unavailability { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class LayerDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "weekdays"), SchemaDescription("Id in lower-case kebab form, unique in the schedule.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Who takes turns, and when.")]
    public RotationDocument? Rotation { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Later rosters in time order, each a rotation that takes the layer over at its start: who was on call before a change stays as it was. Left out when the roster never changed.")]
    public List<RotationDocument?>? RosterChanges { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class RotationDocument
{
    [RequiredKey, SchemaDescription("Person ids in turn order.")]
    public List<string?>? Members { get; set; }

    [RequiredKey, TextFormat(IsoText.LocalDateTimePattern, "2026-01-05T09:00"), SchemaDescription("Local date and time of the first handoff, to the first member.")]
    public string? Start { get; set; }

    [SchemaDescription("IANA time zone id of start and windows; null for the schedule's zone.")]
    public string? TimeZone { get; set; }

    [RequiredKey, SchemaDescription("How long each shift lasts.")]
    public ShiftDocument? Shift { get; set; }

    [SchemaDescription("When the rotation is active; null or empty for always. The turn passes only over shifts that touch a window.")]
    public List<WindowDocument?>? ActiveWindows { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class ShiftDocument
{
    [RequiredKey, SchemaDescription("wallClock: an ISO 8601 period in weeks, days, hours, minutes (P1W, P1D, PT12H, PT30M), or calendar months alone (P1M, P3M); a handoff happens when the clock first shows its local time or later. elapsed: an ISO 8601 duration (PT12H, P1D = 24 h). At least one minute.")]
    public string? Length { get; set; }

    [RequiredKey, EnumText(typeof(ShiftClock)), SchemaDescription("wallClock or elapsed.")]
    public string? Clock { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), EnumText(typeof(MonthlyAnchor)), SchemaDescription("For a monthly length: dayOfMonth (default; the start's day, the month's last day when it has none) or weekdayOfMonth (the start's weekday and occurrence, such as the first Monday; a fifth occurrence means the last).")]
    public string? Anchor { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class WindowDocument
{
    [RequiredKey, EnumText(typeof(IsoDayOfWeek)), SchemaDescription("Days of the week the window starts on.")]
    public List<string?>? Days { get; set; }

    [RequiredKey, TextFormat(IsoText.LocalTimePattern, "09:00"), SchemaDescription("Local start time, HH:mm.")]
    public string? From { get; set; }

    [RequiredKey, TextFormat(IsoText.ClosingTimePattern, "17:00"), SchemaDescription("Local end time, HH:mm; not after from means the next day (18:00–09:00 is a night); 24:00 is midnight.")]
    public string? To { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class OverrideDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "sam-lee"), SchemaDescription("Who is on call.")]
    public string? Person { get; set; }

    [RequiredKey, TextFormat(IsoText.ZonedInstantPattern, "2026-12-24T18:00:00Z"), SchemaDescription("Start, inclusive: ISO 8601 with Z or an offset (2026-12-24T18:00+01:00), or a local date and time read in the schedule's time zone (2026-12-24T18:00); written back in UTC.")]
    public string? From { get; set; }

    [RequiredKey, TextFormat(IsoText.ZonedInstantPattern, "2026-12-27T09:00:00Z"), SchemaDescription("End, exclusive: ISO 8601 with Z or an offset, or a local date and time read in the schedule's time zone; written back in UTC.")]
    public string? To { get; set; }

    [TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "weekdays"), SchemaDescription("The layer overridden; null for the whole schedule.")]
    public string? Layer { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class UnavailabilityDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "sam-lee"), SchemaDescription("Who is unavailable.")]
    public string? Person { get; set; }

    [RequiredKey, TextFormat(IsoText.ZonedInstantPattern, "2026-12-21T00:00:00Z"), SchemaDescription("Start, inclusive: ISO 8601 with Z or an offset (2026-12-24T18:00+01:00), or a local date and time read in the schedule's time zone (2026-12-24T18:00); written back in UTC.")]
    public string? From { get; set; }

    [RequiredKey, TextFormat(IsoText.ZonedInstantPattern, "2027-01-04T00:00:00Z"), SchemaDescription("End, exclusive: ISO 8601 with Z or an offset, or a local date and time read in the schedule's time zone; written back in UTC.")]
    public string? To { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
