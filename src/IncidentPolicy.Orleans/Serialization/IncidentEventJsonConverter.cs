using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Serialization;

/// <summary>
/// Writes and reads every event type as the event log's own line (<see cref="EventLogJson.SerializeLine"/>,
/// <see cref="EventLogJson.Parse"/>), so an event crosses a grain boundary in exactly the form it is stored in, and a
/// new event type in the catalogue needs nothing here.
/// </summary>
internal sealed class IncidentEventJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IncidentEvent).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : IncidentEvent
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"An incident event is a JSON object, not {document.RootElement.ValueKind}.");
            }

            EventLogContents contents;
            try
            {
                contents = EventLogJson.Parse(document.RootElement.GetRawText());
            }
            catch (EventLogException exception)
            {
                throw new JsonException($"Not an incident event: {exception.Message}", exception);
            }

            return contents.Events is [T single]
                ? single
                : throw new JsonException($"Expected one {typeof(T).Name}, read {string.Join(", ", contents.Events.Select(e => e.Type))}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteRawValue(EventLogJson.SerializeLine(value), skipInputValidation: true);
    }
}
