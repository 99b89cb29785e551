using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Escalation;

namespace IncidentPolicy;

internal sealed class EscalationDocument
{
    [RequiredKey, TextFormat(IsoText.DurationPattern, "PT1M"), SchemaDescription("How long after a notification's due instant a notificationSent still meets it on time.")]
    public string? DispatchGrace { get; set; }

    [RequiredKey, SchemaDescription("Escalation policies: ordered levels of targets paged in turn until the stop condition.")]
    public List<EscalationPolicyDocument?>? Policies { get; set; }

    [RequiredKey, SchemaDescription("Conditional rules: when the condition holds, page or notify the target.")]
    public List<EscalationRuleDocument?>? Rules { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class EscalationPolicyDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "page-on-call"), SchemaDescription("Stable id in lower-case kebab form, unique among escalation policies and rules.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("Which incidents the policy pages for.")]
    public ConditionDocument? AppliesTo { get; set; }

    [RequiredKey, SchemaDescription("The levels, in order; each is paged a delay after the previous one.")]
    public List<EscalationLevelDocument?>? Levels { get; set; }

    [RequiredKey, EnumText(typeof(EscalationStop)), SchemaDescription("What stops the paging: acknowledged or resolved.")]
    public string? StopWhen { get; set; }

    [RequiredKey, SchemaDescription("How many more times the levels run after the first pass (0 to 20).")]
    public int? Repeats { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT10M"), SchemaDescription("How long after the last level the next round starts; required when repeats is above 0, null otherwise.")]
    public string? RepeatAfter { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class EscalationLevelDocument
{
    [RequiredKey, TextFormat(IsoText.DurationPattern, "PT5M"), SchemaDescription("How long after the previous level (the first level: after the start) the targets are paged; PT0S for immediately.")]
    public string? Delay { get; set; }

    [RequiredKey, SchemaDescription("Who is paged at this level.")]
    public List<EscalationTargetDocument?>? Targets { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class EscalationTargetDocument
{
    [RequiredKey, EnumText(typeof(EscalationTargetKind)), SchemaDescription("What the id names: person, role, or schedule (whoever it has on call when the notification falls due).")]
    public string? Kind { get; set; }

    [RequiredKey, SchemaDescription("A role id of the policy, or a person's id as the host knows it.")]
    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class EscalationRuleDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "page-engineering-manager"), SchemaDescription("Stable id in lower-case kebab form, unique among escalation policies and rules; qualifies the obligation keys.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("When the rule applies.")]
    public ConditionDocument? When { get; set; }

    [RequiredKey, EnumText(typeof(EscalationAction)), SchemaDescription("page or notify.")]
    public string? Action { get; set; }

    [RequiredKey, SchemaDescription("Who is paged or notified.")]
    public EscalationTargetDocument? Target { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

// A condition is an object with exactly one key naming its kind. Absent kinds are left out when writing (the one
// exception to "every key present"), since the key itself says which kind the condition is.
[OneKeyObject]
internal sealed class ConditionDocument
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds when every condition in the list holds.")]
    public List<ConditionDocument?>? All { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds when at least one condition in the list holds.")]
    public List<ConditionDocument?>? Any { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds when the condition does not.")]
    public ConditionDocument? Not { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds once at least a duration has passed since an anchor; an anchor that has not happened never holds.")]
    public ElapsedSinceDocument? ElapsedSince { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), EnumText(typeof(IncidentStatus)), SchemaDescription("Holds while the incident's status is one of these.")]
    public List<string?>? StatusIn { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds while the incident's severity is this one or more severe.")]
    public string? SeverityAtLeast { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds while the latest value of the metric is strictly above the value.")]
    public ImpactDocument? ImpactAbove { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds while the latest value of the metric is strictly below the value.")]
    public ImpactDocument? ImpactBelow { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Holds while the flag is raised.")]
    public string? FlagRaised { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class ElapsedSinceDocument
{
    [RequiredKey, EnumText(typeof(ElapsedAnchor)), SchemaDescription("What to count from: alert, acknowledged, declared, lastUpdate (the alert until an update is posted) or resolved.")]
    public string? Since { get; set; }

    [RequiredKey, TextFormat(IsoText.DurationPattern, "PT30M"), SchemaDescription("How long must have passed; PT0S or more.")]
    public string? AtLeast { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class ImpactDocument
{
    [RequiredKey, SchemaDescription("The impact metric, e.g. revenueLoss.")]
    public string? Metric { get; set; }

    [RequiredKey, SchemaDescription("The value compared with the metric's latest recorded value.")]
    public decimal? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class SeverityRuleDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "checkout-down"), SchemaDescription("Stable id in lower-case kebab form, unique in the list.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("When the rule matches: impactAbove, impactBelow, flagRaised, all, any and not only.")]
    public ConditionDocument? When { get; set; }

    [RequiredKey, SchemaDescription("The severity suggested, e.g. SEV-1.")]
    public string? Severity { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
