using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Serialization;

/// <summary>
/// The core's <see cref="IncidentCommandJsonConverter"/> for every command record, not only the base type: Orleans'
/// codec serializes a value as its runtime type (<c>Declare</c>, <c>Acknowledge</c>), so each derived record needs a
/// converter too. Reading and writing are the core converter's, so a new command in the catalogue needs nothing here.
/// </summary>
internal sealed class IncidentCommandJsonConverterFactory : JsonConverterFactory
{
    private static readonly IncidentCommandJsonConverter Core = new();

    public override bool CanConvert(Type typeToConvert) => typeof(IncidentCommand).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(IncidentCommand)
            ? Core
            : (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : IncidentCommand
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var command = Core.Read(ref reader, typeof(IncidentCommand), options);
            return command as T ?? throw new JsonException($"Expected a {typeof(T).Name} command, read {command.Kind}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => Core.Write(writer, value, options);
    }
}
