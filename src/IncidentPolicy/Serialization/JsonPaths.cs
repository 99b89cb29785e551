using System.Text.Json;

namespace IncidentPolicy.Serialization;

/// <summary>JSON paths for problems, and the checks that need the raw document: duplicate keys.</summary>
internal static class JsonPaths
{
    /// <summary><c>$.calendar</c> + <c>opens</c>; keys that are not plain identifiers use <c>['key']</c>.</summary>
    public static string Member(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>Reports every key that appears twice in the same object, at the path of its second appearance.</summary>
    public static void FindDuplicateKeys(JsonElement element, string path, ProblemList problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = Member(path, property.Name);
                    if (!seen.Add(property.Name))
                    {
                        problems.Add(propertyPath, $"duplicate key '{property.Name}'; each key may appear once");
                    }

                    FindDuplicateKeys(property.Value, propertyPath, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FindDuplicateKeys(item, $"{path}[{index++}]", problems);
                }

                break;
        }
    }
}
