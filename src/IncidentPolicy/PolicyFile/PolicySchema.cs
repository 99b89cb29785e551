using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace IncidentPolicy;

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
        var body = Export(options, typeof(PolicyDocument), isDefinition: false);

        // Recursive types (conditions nest) are defined once under $defs and referred to everywhere else.
        var definitions = new JsonObject();
        foreach (var (name, type) in Definitions)
        {
            definitions[name] = Export(options, type, isDefinition: true);
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "IncidentPolicy policy file",
            ["description"] = "An incident-response policy: roles, business calendar and severity levels with their response targets (formatVersion 2). A file holds what it writes; with \"extends\": \"seed\" the sections it leaves out are the seed playbook's.",
        };
        foreach (var (key, value) in body.AsObject().ToList())
        {
            body.AsObject().Remove(key);
            schema[key] = value;
        }

        AddFileRules(schema);

        schema["$defs"] = definitions;

        return schema.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>What the attributes cannot say: the format versions, the one value of <c>extends</c>, that roles,
    /// calendar and severities are required unless the file extends the seed, and the <c>"*"</c> key of permissions.</summary>
    private static void AddFileRules(JsonObject schema)
    {
        var properties = schema["properties"]!.AsObject();
        properties["formatVersion"]!["enum"] = new JsonArray(1, PolicyMapper.FormatVersion);
        properties["extends"]!["enum"] = new JsonArray(PolicyMapper.Seed, null);
        schema["anyOf"] = new JsonArray(
            new JsonObject { ["required"] = new JsonArray("extends") },
            new JsonObject { ["required"] = new JsonArray("roles", "calendar", "severities") });
        var commands = properties["lifecycle"]!["properties"]!["permissions"]!["propertyNames"]!["enum"]!.AsArray();
        commands.Add((JsonNode?)PermissionTable.Anyone);
    }

    private static readonly (string Name, Type Type)[] Definitions =
        [("condition", typeof(ConditionDocument)), ("holiday", typeof(HolidayRuleDocument))];

    /// <summary>
    /// Exports a type's schema with every occurrence of a defined type replaced by a <c>$ref</c> to its definition
    /// (except the definition's own root). The exporter may already have referred by path to parts of a replaced
    /// subtree; those references are resolved by inlining the part, so every <c>$ref</c> left points into <c>$defs</c>.
    /// </summary>
    private static JsonNode Export(JsonSerializerOptions options, Type type, bool isDefinition)
    {
        var replaced = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
            {
                var transformed = Transform(context, schema);
                if (ReferToDefinitions(context, atDefinitionRoot: isDefinition && context.Path.IsEmpty) is not { } reference)
                {
                    return transformed;
                }

                var pointer = "#";
                foreach (var segment in context.Path)
                {
                    pointer += "/" + segment;
                }

                replaced[pointer] = transformed;
                return reference;
            },
        };
        var root = JsonSchemaExporter.GetJsonSchemaAsNode((JsonTypeInfo)options.GetTypeInfo(type), exporterOptions);
        InlineStaleReferences(root, replaced, root);
        return root;
    }

    private static void InlineStaleReferences(JsonNode? node, Dictionary<string, JsonNode> replaced, JsonNode root)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue value && value.GetValue<string>() is var target
                && !target.StartsWith("#/$defs/", StringComparison.Ordinal):
                // A type used in several places (a rule's target in the escalation section and in runbooks) is
                // referred to by path from its later uses; those are inlined too, so the schema reads section by section.
                var owner = replaced.Keys.Where(k => target == k || target.StartsWith(k + "/", StringComparison.Ordinal)).MaxBy(k => k.Length);
                var part = owner is null ? root : replaced[owner];
                foreach (var segment in target[(owner?.Length ?? 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    part = part[segment] ?? throw new InvalidOperationException($"The schema refers to {target}, which it does not define.");
                }

                // The part was transformed where it was defined; of the referring node only its description counts.
                var description = obj["description"]?.DeepClone();
                obj.Clear();
                foreach (var (key, child) in part.AsObject())
                {
                    obj[key] = key == "description" && description is not null ? description : child?.DeepClone();
                }

                InlineStaleReferences(obj, replaced, root);
                break;
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    InlineStaleReferences(child, replaced, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    InlineStaleReferences(child, replaced, root);
                }

                break;
        }
    }

    /// <summary>A <c>$ref</c> to the definition of the node's type, keeping the property's description; null when
    /// the type has no definition or the node is the definition itself.</summary>
    private static JsonObject? ReferToDefinitions(JsonSchemaExporterContext context, bool atDefinitionRoot)
    {
        var index = Array.FindIndex(Definitions, d => d.Type == context.TypeInfo.Type);
        if (atDefinitionRoot || index < 0)
        {
            return null;
        }

        var reference = new JsonObject { ["$ref"] = "#/$defs/" + Definitions[index].Name };
        if (context.PropertyInfo is { } info && Attribute<SchemaDescriptionAttribute>(info) is { } description)
        {
            reference["description"] = description.Text;
        }

        return reference;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        // A holiday entry is read by a converter of its own, which the exporter cannot see into: a date text or a
        // rule object.
        if (context.TypeInfo.Type == typeof(List<HolidayEntryDocument?>) && schema is JsonObject list)
        {
            list["items"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["pattern"] = IsoText.HolidayPattern, ["examples"] = new JsonArray("2026-12-25", "--12-25") },
                    new JsonObject { ["$ref"] = "#/$defs/holiday" }),
            };
        }

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

            if (context.TypeInfo.Type.IsDefined(typeof(OneKeyObjectAttribute), inherit: false))
            {
                node["minProperties"] = 1;
                node["maxProperties"] = 1;
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
