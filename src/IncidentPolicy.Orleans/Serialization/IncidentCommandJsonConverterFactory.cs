using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Serialization;

/// <summary>
/// Writes and reads every command type in the core's catalogue-driven form (<see cref="IncidentCommandJson"/>), so a
/// new command in the catalogue needs nothing here.
/// </summary>
internal sealed class IncidentCommandJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IncidentCommand).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : IncidentCommand
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            if (!IncidentCommandJson.TryParse(document.RootElement.GetRawText(), out var command, out var errors))
            {
                throw new JsonException($"Not an incident command: {string.Join("; ", errors)}");
            }

            return command as T ?? throw new JsonException($"Expected a {typeof(T).Name} command, read {command.Kind}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteRawValue(IncidentCommandJson.Serialize(value), skipInputValidation: true);
    }
}
