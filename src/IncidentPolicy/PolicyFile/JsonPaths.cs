using System.Text.Json;

namespace IncidentPolicy;

/// <summary>JSON paths for problems, and the checks that need the raw document: duplicate keys.</summary>
internal static class JsonPaths
{
    /// <summary><c>$.calendar</c> + <c>opens</c>; keys that are not plain identifiers use <c>['key']</c>.</summary>
    public static string Member(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>Why a text with an escaped lone surrogate (<c>"\ud800"</c>) is refused: .NET strings could hold it,
    /// but no writer can write it back.</summary>
    public const string InvalidUnicodeReason = "the text is not valid Unicode: it has a lone surrogate (an unpaired \\uD800–\\uDFFF escape)";

    /// <summary>Why an object with such a key is refused.</summary>
    public const string InvalidKeyReason = "a key is not valid Unicode: it has a lone surrogate (an unpaired \\uD800–\\uDFFF escape)";

    /// <summary>Reports every key that appears twice in the same object, at the path of its second appearance, and
    /// every key that is not valid Unicode, at the path of its object.</summary>
    public static void FindDuplicateKeys(JsonElement element, string path, ProblemList problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name)
                    {
                        problems.Add(path, InvalidKeyReason);
                        continue;
                    }

                    var propertyPath = Member(path, name);
                    if (!seen.Add(name))
                    {
                        problems.Add(propertyPath, $"duplicate key '{name}'; each key may appear once");
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

    /// <summary>The path of the first string value or key that is not valid Unicode (an escaped lone surrogate), and
    /// why, or <see langword="null"/>: System.Text.Json refuses to read such a string, and says only that it expected
    /// one.</summary>
    public static (string Path, string Reason)? FindInvalidUnicode(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return (path, InvalidUnicodeReason);
                }

            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name)
                    {
                        return (path, InvalidKeyReason);
                    }

                    if (FindInvalidUnicode(property.Value, Member(path, name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalidUnicode(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
