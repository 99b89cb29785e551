namespace IncidentPolicy.Cli;

/// <summary>Small formatting shared by the verbs' text output.</summary>
internal static class Text
{
    /// <summary>An enum value as the JSON and the policy files write it: <c>MetLate</c> → <c>metLate</c>.</summary>
    public static string Camel<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
