using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

// The policy file as System.Text.Json sees it. Values with a text format are strings here and are
// parsed while mapping, so that every bad value is reported with its path rather than only the first.
// Keys nobody declared land in Unknown and are reported as errors.

internal sealed partial class PolicyDocument
{
    [RequiredKey, SchemaDescription("Version of the policy file format: 2. This library also reads 1, which took left-out sections from the seed playbook.")]
    public int? FormatVersion { get; set; }

    // Never written: a written policy has every section.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [SchemaDescription("\"seed\" to start from the seed playbook: each top-level section this file leaves out is the seed's section whole; each section it writes replaces the seed's. Without it, a section left out is empty. Format version 2 only.")]
    public string? Extends { get; set; }

    [SchemaDescription("The roles people take in an incident; severities refer to them by id. Required unless the file extends the seed.")]
    public List<RoleDocument?>? Roles { get; set; }

    [SchemaDescription("When people are at work: business-hours response targets are measured in it. Required unless the file extends the seed.")]
    public CalendarDocument? Calendar { get; set; }

    [SchemaDescription("The severity levels, most severe (rank 1) first. Required unless the file extends the seed.")]
    public List<SeverityDocument?>? Severities { get; set; }

    [SchemaDescription("Lifecycle rules: reopen window, commander separate from on-call, resolvers, channel name, restricted flags, permissions. When null: no resolver or restricted-viewer roles and safe permissions for the policy's roles.")]
    public LifecycleDocument? Lifecycle { get; set; }

    [SchemaDescription("Escalation: dispatch grace, escalation policies and conditional rules. None when null.")]
    public EscalationDocument? Escalation { get; set; }

    [SchemaDescription("Severity suggestion: rules from impact figures and flags to a severity; the most severe match wins. None when null.")]
    public List<SeverityRuleDocument?>? SeveritySuggestion { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class RoleDocument
{
    [RequiredKey, SchemaDescription("Stable id in lower-case kebab form, e.g. engineering-manager.")]
    [TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "engineering-manager")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Display name.")]
    public string? Name { get; set; }

    [SchemaDescription("What the role does in an incident.")]
    public string? Description { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [TextFormat("^(roleAssigned|acknowledged|declared|statusUpdatePosted(:external|:internal)?|noteAdded|mitigated|channelCreated)$", "statusUpdatePosted:external")]
    [SchemaDescription("The events that meet the role's respond obligation: roleAssigned (the role is assigned), or acknowledged, declared, statusUpdatePosted, statusUpdatePosted:external, statusUpdatePosted:internal, noteAdded, mitigated, channelCreated by someone holding the role. Null or left out: [\"roleAssigned\"], and for on-call-engineer also \"acknowledged\".")]
    public List<string?>? RespondedBy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class CalendarDocument
{
    [RequiredKey, SchemaDescription("IANA time zone id, e.g. Europe/Berlin.")]
    public string? TimeZone { get; set; }

    [RequiredKey, EnumText(typeof(IsoDayOfWeek)), SchemaDescription("Days of the week with working hours.")]
    public List<string?>? WorkingDays { get; set; }

    [RequiredKey, TextFormat(IsoText.LocalTimePattern, "09:00"), SchemaDescription("Local opening time, HH:mm.")]
    public string? Opens { get; set; }

    [RequiredKey, TextFormat(IsoText.ClosingTimePattern, "17:00"), SchemaDescription("Local closing time, HH:mm; 24:00 for the end of the day.")]
    public string? Closes { get; set; }

    [SchemaDescription("Holidays: dates (2026-12-25), annual dates (--12-25), rules ({\"easter\": 1}, {\"month\": 11, \"weekday\": \"thursday\", \"nth\": 4}, {\"date\": \"--12-25\", \"observed\": \"nearestWeekday\"}) and countries ({\"country\": \"DE\", \"region\": \"BE\"}).")]
    public List<HolidayEntryDocument?>? Holidays { get; set; }

    [EnumText(typeof(IsoDayOfWeek)), SchemaDescription("Hours for particular working days that differ from opens/closes, keyed by day name.")]
    public Dictionary<string, HoursDocument?>? WeekdayHours { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class HoursDocument
{
    [RequiredKey, TextFormat(IsoText.LocalTimePattern, "01:00"), SchemaDescription("Local opening time, HH:mm.")]
    public string? Opens { get; set; }

    [RequiredKey, TextFormat(IsoText.ClosingTimePattern, "05:00"), SchemaDescription("Local closing time, HH:mm; 24:00 for the end of the day.")]
    public string? Closes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class SeverityDocument
{
    [RequiredKey, SchemaDescription("Stable id, e.g. SEV-1.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Position on the scale; 1 is the most severe.")]
    public int? Rank { get; set; }

    [RequiredKey, SchemaDescription("Display name, e.g. Critical.")]
    public string? Name { get; set; }

    [SchemaDescription("What qualifies for this level.")]
    public string? Description { get; set; }

    [SchemaDescription("Examples of incidents at this level.")]
    public List<string?>? Examples { get; set; }

    [RequiredKey, SchemaDescription("Ids of the roles that must be engaged.")]
    public List<string?>? RolesInvolved { get; set; }

    [RequiredKey, SchemaDescription("How soon the alert must be acknowledged.")]
    public TargetDocument? Acknowledge { get; set; }

    [RequiredKey, SchemaDescription("How soon the roles involved must be engaged (response time).")]
    public TargetDocument? Respond { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT5M"), SchemaDescription("How soon after the alert the incident must be declared; null when not required.")]
    public string? DeclareWithin { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT5M"), SchemaDescription("How soon after the alert an Incident Commander must be assigned; null when none is needed.")]
    public string? AssignCommanderWithin { get; set; }

    [SchemaDescription("Status updates owed; null for none.")]
    public StatusUpdatesDocument? StatusUpdates { get; set; }

    [SchemaDescription("Post-mortem rule; null when no post-mortem is owed.")]
    public PostMortemDocument? PostMortem { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class TargetDocument
{
    [TextFormat(IsoText.DurationPattern, "PT15M"), SchemaDescription("ISO 8601 duration (PT15M, PT4H); null when the clock is nextBusinessDay.")]
    public string? Within { get; set; }

    [RequiredKey, EnumText(typeof(ResponseClock)), SchemaDescription("How time is counted: wallClock, businessHours or nextBusinessDay.")]
    public string? Clock { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class StatusUpdatesDocument
{
    [RequiredKey, EnumText(typeof(UpdateAudience)), SchemaDescription("external (status page), internalOnly or none.")]
    public string? Audience { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT15M"), SchemaDescription("How soon after the alert the first status-page update is due (external only).")]
    public string? FirstWithin { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT15M"), SchemaDescription("Cadence of later status-page updates (external only); null for none.")]
    public string? Every { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class PostMortemDocument
{
    [RequiredKey, TextFormat(IsoText.DurationPattern, "PT48H"), SchemaDescription("How soon after resolution the post-mortem must be scheduled.")]
    public string? ScheduleWithin { get; set; }

    [RequiredKey, SchemaDescription("Whether closing requires a published post-mortem with at least one action item.")]
    public bool? ActionItemsRequiredBeforeClose { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
