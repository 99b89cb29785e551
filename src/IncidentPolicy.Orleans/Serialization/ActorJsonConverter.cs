using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Orleans.Serialization;

/// <summary>An actor as <c>{"id": "alex", "roles": ["on-call-engineer"]}</c>.</summary>
internal sealed class ActorJsonConverter : JsonConverter<Actor>
{
    public override Actor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("An actor is an object with a string 'id'.");
        }

        var roles = new List<string>();
        if (root.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in list.EnumerateArray())
            {
                roles.Add(role.GetString() ?? throw new JsonException("An actor's roles are strings."));
            }
        }

        return new Actor(id.GetString()!, roles);
    }

    public override void Write(Utf8JsonWriter writer, Actor value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WriteStartArray("roles");
        foreach (var role in value.Roles)
        {
            writer.WriteStringValue(role);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
