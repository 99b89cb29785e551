using System.Text.Json.Serialization;

namespace IncidentPolicy.Serialization;

/// <summary>The incident's JSON form (<see cref="IncidentJson"/>), with the same options as the policy file.</summary>
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
[JsonSerializable(typeof(IncidentStateDocument))]
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
