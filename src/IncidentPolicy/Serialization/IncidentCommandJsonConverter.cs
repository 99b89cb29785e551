using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Lets <see cref="JsonSerializer"/> read and write an <see cref="IncidentCommand"/> value in its one JSON form
/// (<see cref="IncidentCommandJson"/>): add it to <see cref="JsonSerializerOptions.Converters"/> of a host that carries
/// commands inside larger documents — a grain call serialized with System.Text.Json, an HTTP request body.
/// </summary>
/// <remarks>
/// <para>It converts values declared as <see cref="IncidentCommand"/> (the base record), not the derived records on
/// their own. Writing gives <see cref="IncidentCommandJson.Serialize"/>'s text; reading checks what
/// <see cref="IncidentCommandJson.Parse"/> checks (the serializer's own limits on size and depth apply) and reports a bad
/// command as a <see cref="JsonException"/> whose message is the <see cref="IncidentCommandJsonError"/> — its path
/// relative to the command, and the reason.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public sealed class IncidentCommandJsonConverter : JsonConverter<IncidentCommand>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    /// <exception cref="JsonException">The value is not a command; the message says where and why.</exception>
    public override IncidentCommand Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return IncidentCommandJson.Read(document.RootElement, out var error) ?? throw new JsonException(error!.ToString());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IncidentCommand value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(IncidentCommandJson.Serialize(value), skipInputValidation: true);
    }
}
