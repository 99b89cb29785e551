using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentPolicy;

// The runbooks section: the seed's cheat sheets for 4 AM. It comes after changeWindows (JsonPropertyOrder).

internal sealed partial class PolicyDocument
{
    [JsonPropertyOrder(4), SchemaDescription("Runbooks: quick assessment, common causes ranked by frequency, escalation lines with rules; matched to incidents by service or alert tag. None when null or [].")]
    public List<RunbookDocument?>? Runbooks { get; set; }
}

internal sealed class RunbookDocument
{
    [RequiredKey, TextFormat("^[a-z0-9]+(-[a-z0-9]+)*$", "checkout-error-rate-spike"), SchemaDescription("Stable id in lower-case kebab form, unique among runbooks.")]
    public string? Id { get; set; }

    [RequiredKey, SchemaDescription("The title, shown after 'Runbook: '.")]
    public string? Title { get; set; }

    [RequiredKey, SchemaDescription("Services whose incidents the runbook covers, e.g. checkout.")]
    public List<string?>? Services { get; set; }

    [RequiredKey, SchemaDescription("Alert tags that call for the runbook, e.g. checkout-error-rate.")]
    public List<string?>? AlertTags { get; set; }

    [RequiredKey, SchemaDescription("Quick-assessment steps, in order.")]
    public List<AssessmentStepDocument?>? QuickAssessment { get; set; }

    [RequiredKey, SchemaDescription("Common causes, most frequent first; shares add up to at most 100.")]
    public List<RunbookCauseDocument?>? CommonCauses { get; set; }

    [RequiredKey, SchemaDescription("Escalation lines: the text on-call reads and the rule behind it.")]
    public List<RunbookEscalationDocument?>? Escalation { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class AssessmentStepDocument
{
    [RequiredKey, SchemaDescription("What to check, e.g. 'Check deployment log: did we deploy in the last 2 hours?'.")]
    public string? Check { get; set; }

    [RequiredKey, SchemaDescription("When to act, without the leading 'If', e.g. 'yes'.")]
    public string? Condition { get; set; }

    [RequiredKey, SchemaDescription("What to do then, e.g. 'rollback first, investigate later'.")]
    public string? Action { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class RunbookCauseDocument
{
    [RequiredKey, SchemaDescription("The cause, e.g. 'Payment provider outage'.")]
    public string? Name { get; set; }

    [RequiredKey, SchemaDescription("Share of incidents in whole percent, 0 to 100.")]
    public int? Share { get; set; }

    [RequiredKey, SchemaDescription("What mitigates it, e.g. 'Switch to backup provider'.")]
    public string? Mitigation { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class RunbookEscalationDocument
{
    [RequiredKey, SchemaDescription("The line as the runbook shows it, e.g. 'If not resolved in 30 min: Page engineering manager'.")]
    public string? Text { get; set; }

    [RequiredKey, SchemaDescription("The conditional rule the line stands for.")]
    public EscalationRuleDocument? Rule { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
