using System.Text.Json.Serialization;

namespace IncidentPolicy.Serialization;

/// <summary>The documents of the reports the library writes (incident state, audits, on-call, deploy decisions), with
/// the same options as the policy file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    MaxDepth = 64,
    Converters = [typeof(InstantConverter), typeof(DurationConverter)])]
[JsonSerializable(typeof(IncidentReportDocument))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(OnCallAtDocument))]
[JsonSerializable(typeof(OnCallWindowDocument))]
[JsonSerializable(typeof(DeployDecisionDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>The report writers' context.</summary>
internal static class ReportJson
{
    /// <summary><see cref="ReportJsonContext"/> with readable escaping (non-ASCII text as is), as the policy file is written.</summary>
    internal static readonly ReportJsonContext Writer = new(new System.Text.Json.JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
