using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace IncidentPolicy;

// The changeWindows section: deployment freezes in local time. It comes last in the file (JsonPropertyOrder).

internal sealed partial class PolicyDocument
{
    [JsonPropertyOrder(3), SchemaDescription("Change windows: freezes in local time during which deployments need approval. None when null or [].")]
    public List<ChangeWindowDocument?>? ChangeWindows { get; set; }
}

internal sealed class ChangeWindowDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "overnight-freeze"), SchemaDescription("Stable id in lower-case kebab form, unique among change windows.")]
    public string? Id { get; set; }

    [RequiredKey, EnumText(typeof(IsoDayOfWeek)), SchemaDescription("Days of the week the window starts on.")]
    public List<string?>? Days { get; set; }

    [RequiredKey, TextFormat(IsoText.LocalTimePattern, "00:00"), SchemaDescription("Local start time, HH:mm, inclusive.")]
    public string? From { get; set; }

    [RequiredKey, TextFormat(IsoText.ClosingTimePattern, "06:00"), SchemaDescription("Local end time, HH:mm, exclusive; not after from means the next day (22:00–06:00 is a night); 24:00 is midnight.")]
    public string? To { get; set; }

    [SchemaDescription("IANA time zone id of from and to; null for the calendar's zone.")]
    public string? TimeZone { get; set; }

    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "engineering-manager"), SchemaDescription("Role ids whose approval lifts the freeze; [] for a freeze nobody can lift.")]
    public List<string?>? ApprovedBy { get; set; }

    [RequiredKey, SchemaDescription("Why deployments are frozen, in plain words; shown to whoever is refused.")]
    public string? Reason { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
