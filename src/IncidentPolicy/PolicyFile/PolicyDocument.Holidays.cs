using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy;

// A holiday in a calendar's list is a string (a date or an annual date) or an object (a rule or a country). The
// object writes only the keys it has, like a condition: which keys are present says what kind of rule it is.

[JsonConverter(typeof(HolidayEntryConverter))]
internal sealed class HolidayEntryDocument
{
    public string? Text { get; set; }

    public HolidayRuleDocument? Rule { get; set; }
}

internal sealed class HolidayRuleDocument
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("The holiday's name, e.g. Easter Monday.")]
    public string? Name { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), TextFormat(IsoText.HolidayPattern, "--12-25"), SchemaDescription("A date (2026-12-24) or an annual date (--12-25).")]
    public string? Date { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("Days after Easter Sunday (negative: before), -200 to 200: Good Friday -2, Easter Monday 1, Ascension 39, Whit Monday 50.")]
    public int? Easter { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), EnumText(typeof(EasterReckoning)), SchemaDescription("Which Easter: western (the default) or orthodox.")]
    public string? Reckoning { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("With weekday and nth: the month, 1 to 12.")]
    public int? Month { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), EnumText(typeof(IsoDayOfWeek)), SchemaDescription("With month and nth: the day of the week.")]
    public string? Weekday { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("With month and weekday: which occurrence in the month, 1 to 5, or -1 for the last.")]
    public int? Nth { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), EnumText(typeof(HolidayShift)), SchemaDescription("When the holiday falls on a weekend: nearestWeekday (US: Saturday to Friday, Sunday to Monday) or followingWeekday (UK substitute day: the next weekday not already a holiday).")]
    public string? Observed { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("The first year the rule applies.")]
    public int? From { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("The last year the rule applies.")]
    public int? Until { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("A country's public holidays: its ISO 3166-1 code, e.g. DE; needs a holiday source such as the IncidentPolicy.PublicHolidays package.")]
    public string? Country { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), SchemaDescription("With country: a region as the holiday source names it, e.g. BE for Berlin.")]
    public string? Region { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Reads a holiday entry from a string or an object, and writes it back the same way.</summary>
internal sealed class HolidayEntryConverter : JsonConverter<HolidayEntryDocument>
{
    public override HolidayEntryDocument? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new HolidayEntryDocument { Text = reader.GetString() },
            JsonTokenType.StartObject => new HolidayEntryDocument { Rule = JsonSerializer.Deserialize(ref reader, RuleInfo(options)) },
            _ => throw new JsonException(),
        };

    public override void Write(Utf8JsonWriter writer, HolidayEntryDocument value, JsonSerializerOptions options)
    {
        if (value.Rule is { } rule)
        {
            JsonSerializer.Serialize(writer, rule, RuleInfo(options));
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }

    private static JsonTypeInfo<HolidayRuleDocument> RuleInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<HolidayRuleDocument>)options.GetTypeInfo(typeof(HolidayRuleDocument));
}
