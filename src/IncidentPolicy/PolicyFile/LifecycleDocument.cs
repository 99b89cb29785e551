using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy;

internal sealed class LifecycleDocument
{
    [RequiredKey, TextFormat(IsoText.DurationPattern, "PT72H"), SchemaDescription("How long after resolution the incident may be reopened.")]
    public string? ReopenWindow { get; set; }

    [TextFormat(IsoText.DurationPattern, "PT30M"), SchemaDescription("From declaration to resolution, the longest the commander may go without a status update of any audience; PT30M when null.")]
    public string? MaxSilence { get; set; }

    [RequiredKey, SchemaDescription("Whether the on-call responder (whoever acknowledged, or holds on-call-engineer) may not also be the Incident Commander.")]
    public bool? CommanderSeparateFromOnCall { get; set; }

    [RequiredKey, SchemaDescription("Roles that may resolve, besides the commander, a severity that requires a commander.")]
    public List<string?>? ResolverRoles { get; set; }

    [RequiredKey, SchemaDescription("Incident channel name with placeholders {date}, {slug}, {id}, {severity}, e.g. #inc-{date}-{slug}.")]
    public string? ChannelPattern { get; set; }

    [SchemaDescription("Flags that make an incident visible only to participants and the restricted viewer roles.")]
    public List<string?>? RestrictedFlags { get; set; }

    [SchemaDescription("Roles that may view restricted incidents they do not take part in.")]
    public List<string?>? RestrictedViewerRoles { get; set; }

    [EnumText(typeof(CommandKind)), SchemaDescription("For each command, the roles that may issue it: \"*\" is anyone, [] nobody; incident-commander and on-call-engineer may be named whether or not the policy has them (the incident gives them). The key \"*\" stands for every command the object does not name; a command neither named nor covered by \"*\" may be issued by nobody. {\"*\": [\"*\"]} lets anyone issue anything. When null: the safe table (anyone raises alerts and adds notes; the commander and resolver roles resolve; holders of any role do the rest).")]
    public Dictionary<string, List<string?>?>? Permissions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
