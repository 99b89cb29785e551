using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Generates the policy file's JSON Schema with <see cref="JsonSchemaExporter"/>, then fills in what the
/// exporter cannot know: required keys, text-format patterns, enum names, descriptions, and that unknown
/// keys are not allowed.
/// </summary>
internal static class PolicySchema
{
    public const string Id = "https://incidentpolicy.dev/schemas/policy.schema.json";

    public static string Generate(JsonSerializerOptions options)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var body = JsonSchemaExporter.GetJsonSchemaAsNode((JsonTypeInfo)options.GetTypeInfo(typeof(PolicyDocument)), exporterOptions);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "IncidentPolicy policy file",
            ["description"] = "An incident-response policy: roles, business calendar and severity levels with their response targets (formatVersion 1).",
        };
        foreach (var (key, value) in body.AsObject().ToList())
        {
            body.AsObject().Remove(key);
            schema[key] = value;
        }

        return schema.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (context.PropertyInfo is null && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var required = new JsonArray();
            foreach (var property in context.TypeInfo.Properties)
            {
                if (Attribute<RequiredKeyAttribute>(property) is not null)
                {
                    required.Add((JsonNode?)property.Name);
                }
            }

            node.Remove("additionalProperties");
            node["additionalProperties"] = false;
            if (required.Count > 0)
            {
                node["required"] = required;
            }
        }

        if (context.PropertyInfo is not { } info)
        {
            return node;
        }

        var isRequired = Attribute<RequiredKeyAttribute>(info) is not null;
        if (isRequired)
        {
            RemoveNull(node);
        }

        var target = node["items"] as JsonObject ?? node;
        if (Attribute<TextFormatAttribute>(info) is { } format)
        {
            target["pattern"] = format.Pattern;
            target["examples"] = new JsonArray(format.Example);
        }

        if (Attribute<EnumTextAttribute>(info) is { } enumText)
        {
            var names = new JsonArray();
            foreach (var name in Enum.GetNames(enumText.EnumType))
            {
                // IsoDayOfWeek.None is not a day.
                if (enumText.EnumType == typeof(NodaTime.IsoDayOfWeek) && name == nameof(NodaTime.IsoDayOfWeek.None))
                {
                    continue;
                }

                names.Add((JsonNode?)(char.ToLowerInvariant(name[0]) + name[1..]));
            }

            if (node["additionalProperties"] is JsonObject)
            {
                node["propertyNames"] = new JsonObject { ["enum"] = names };
            }
            else
            {
                if (target == node && !isRequired)
                {
                    names.Add((JsonNode?)null);
                }

                target["enum"] = names;
            }
        }

        if (Attribute<SchemaDescriptionAttribute>(info) is { } description)
        {
            node["description"] = description.Text;
        }

        return node;
    }

    private static void RemoveNull(JsonObject node)
    {
        if (node["type"] is JsonArray types)
        {
            var remaining = types.Where(t => t!.GetValue<string>() != "null").Select(t => t!.GetValue<string>()).ToList();
            node["type"] = remaining.Count == 1 ? remaining[0] : new JsonArray(remaining.Select(t => (JsonNode?)t).ToArray());
        }
    }

    private static T? Attribute<T>(JsonPropertyInfo property)
        where T : Attribute =>
        property.AttributeProvider is ICustomAttributeProvider provider
            ? provider.GetCustomAttributes(typeof(T), inherit: false).OfType<T>().FirstOrDefault()
            : null;
}
