namespace IncidentPolicy;

/// <summary>Marks a document property that must be present and not null; the JSON Schema lists it as required.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RequiredKeyAttribute : Attribute;

/// <summary>Gives a string property of a document the regular expression of its text format in the JSON Schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TextFormatAttribute(string pattern, string example) : Attribute
{
    public string Pattern { get; } = pattern;

    public string Example { get; } = example;
}

/// <summary>Gives a string property (or the items of a string list) the camelCase names of an enum in the JSON Schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class EnumTextAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}

/// <summary>A sentence the JSON Schema shows as the property's description.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SchemaDescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>Marks a document class written as an object with exactly one key (a condition); the JSON Schema says so.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class OneKeyObjectAttribute : Attribute;
