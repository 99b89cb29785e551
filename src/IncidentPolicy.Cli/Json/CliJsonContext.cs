using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli.Json;

/// <summary>The source-generated serializers of the CLI's JSON output: camelCase keys, every key written (<c>null</c>
/// when it has no value), two-space indentation, <c>\n</c> line ends, instants and durations in the library's text
/// formats (<see cref="IncidentPolicy.Primitives.TextFormats"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(InstantConverter), typeof(DurationConverter)])]
[JsonSerializable(typeof(DeadlinesDocument))]
[JsonSerializable(typeof(IncidentReportDocument))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(OnCallAtDocument))]
[JsonSerializable(typeof(OnCallWindowDocument))]
[JsonSerializable(typeof(DeployDecisionDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>What the CLI's JSON writers share.</summary>
internal static class CliJson
{
    /// <summary>The source-generated context with readable escaping (non-ASCII text as is), shared by every writer.</summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A context like <see cref="Context"/> that writes instants in <paramref name="zone"/> with their offset
    /// (<see cref="TextFormats.Format(Instant, DateTimeZone)"/>).</summary>
    public static CliJsonContext For(DateTimeZone zone)
    {
        var options = new JsonSerializerOptions(Context.Options);
        options.Converters.Insert(0, new ZonedInstantConverter(zone));
        return new CliJsonContext(options);
    }
}

/// <summary>Instants as local time in a zone with the offset: <c>2026-05-30T17:00:00+02:00</c>.</summary>
internal sealed class ZonedInstantConverter(DateTimeZone zone) : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TextFormats.TryParseInstant(reader.GetString(), zone, out var instant, out var reason) ? instant : throw new JsonException(reason);

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TextFormats.Format(value, zone));
}

/// <summary>Instants as <see cref="TextFormats.Format(Instant)"/> writes them: <c>2026-05-30T15:00:00Z</c>.</summary>
internal sealed class InstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TextFormats.TryParseInstant(reader.GetString(), out var instant, out var reason) ? instant : throw new JsonException(reason);

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TextFormats.Format(value));
}

/// <summary>Durations as <see cref="TextFormats.Format(Duration)"/> writes them: <c>PT48H</c>, <c>-PT15M</c>.</summary>
internal sealed class DurationConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TextFormats.TryParseDuration(reader.GetString(), out var duration, out var reason) ? duration : throw new JsonException(reason);

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TextFormats.Format(value));
}
