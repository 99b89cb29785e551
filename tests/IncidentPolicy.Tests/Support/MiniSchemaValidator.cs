using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentPolicy.Tests.Support;

/// <summary>
/// Checks a JSON document against the subset of JSON Schema the policy schema uses (type, properties,
/// required, additionalProperties, items, enum, pattern, propertyNames, local $ref, min/maxProperties, oneOf), so tests can show the committed
/// schema really rejects what the parser rejects.
/// </summary>
internal static class MiniSchemaValidator
{
    public static List<string> Validate(JsonNode? instance, JsonNode schema, string path = "$")
    {
        var errors = new List<string>();
        Check(instance, schema.AsObject(), path, errors, schema.AsObject());
        return errors;
    }

    private static bool MatchesWithRoot(JsonNode? instance, JsonObject schema, string path, JsonObject root)
    {
        var errors = new List<string>();
        Check(instance, schema, path, errors, root);
        return errors.Count == 0;
    }

    private static void Check(JsonNode? instance, JsonObject schema, string path, List<string> errors, JsonObject root)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            // Local references only: #/$defs/name.
            JsonNode target = root;
            foreach (var segment in ((string)reference!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target[segment]!;
            }

            Check(instance, target.AsObject(), path, errors, root);
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            var matching = choices.Count(choice => MatchesWithRoot(instance, choice!.AsObject(), path, root));
            if (matching != 1)
            {
                errors.Add($"{path}: matches {matching} of oneOf");
            }
        }

        if (instance is JsonObject counted
            && ((schema["minProperties"] is { } min && counted.Count < (int)min) || (schema["maxProperties"] is { } max && counted.Count > (int)max)))
        {
            errors.Add($"{path}: {counted.Count} properties");
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray array ? array.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Contains(TypeOf(instance)) && !(TypeOf(instance) == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: type {TypeOf(instance)} not in [{string.Join(",", allowed)}]");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, instance)))
        {
            errors.Add($"{path}: not in enum");
        }

        if (schema["pattern"] is { } pattern && instance is JsonValue v && v.TryGetValue<string>(out var text)
            && !Regex.IsMatch(text, (string)pattern!))
        {
            errors.Add($"{path}: '{text}' does not match {pattern}");
        }

        if (instance is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in schema["required"] as JsonArray ?? [])
            {
                if (!obj.ContainsKey((string)required!))
                {
                    errors.Add($"{path}: missing {required}");
                }
            }

            foreach (var (key, value) in obj)
            {
                if (schema["propertyNames"] is JsonObject names)
                {
                    Check(JsonValue.Create(key), names, $"{path}.{key} (name)", errors, root);
                }

                if (properties?[key] is JsonObject propertySchema)
                {
                    Check(value, propertySchema, $"{path}.{key}", errors, root);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(value, additional, $"{path}.{key}", errors, root);
                }
                else if (schema["additionalProperties"] is JsonValue additionalValue && !(bool)additionalValue)
                {
                    errors.Add($"{path}: unknown key {key}");
                }
            }
        }

        if (instance is JsonArray items && schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Check(items[i], itemSchema, $"{path}[{i}]", errors, root);
            }
        }
    }

    private static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value when value.TryGetValue<bool>(out _) => "boolean",
        JsonValue value when value.TryGetValue<string>(out _) => "string",
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
        _ => "unknown",
    };
}
