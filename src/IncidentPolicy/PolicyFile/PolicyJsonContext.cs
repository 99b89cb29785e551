using System.Text.Json.Serialization;

namespace IncidentPolicy;

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
[JsonSerializable(typeof(PolicyDocument))]
[JsonSerializable(typeof(HolidayRuleDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
