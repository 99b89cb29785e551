using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace IncidentPolicy;

/// <summary>Instants as policy files and logs write them: <c>2026-05-30T15:00:00Z</c>, a fraction only when non-zero.</summary>
internal sealed class InstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("an instant must be a string like 2026-05-30T15:00:00Z");
        }

        return IsoText.TryParseInstant(reader.GetString(), out var instant, out var reason) ? instant : throw new JsonException(reason);
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoText.FormatInstant(value));
}

/// <summary>Durations as policy files and logs write them: <c>PT48H</c>, <c>PT0S</c>, <c>-PT15M</c>.</summary>
internal sealed class DurationConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a duration must be a string like PT15M");
        }

        return IsoText.TryParseDuration(reader.GetString(), out var duration, out var reason) ? duration : throw new JsonException(reason);
    }

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoText.FormatDuration(value));
}
