using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>Plain-English renderings used in reasons and explanations.</summary>
internal static class HumanText
{
    private static readonly NodaTime.Text.InstantPattern InstantText =
        NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF'Z'");

    /// <summary>An instant as the library writes it everywhere: <c>2026-05-30T15:00:00Z</c>, a fraction only when non-zero.</summary>
    public static string Format(Instant instant) => InstantText.Format(instant);

    /// <summary>"5 minutes", "1 hour 30 minutes", "48 hours", "0 seconds".</summary>
    public static string Describe(Duration duration)
    {
        if (duration < Duration.Zero)
        {
            return "minus " + Describe(-duration);
        }

        var parts = new List<string>(4);
        var hours = (long)Math.Floor(duration.TotalHours);
        if (hours > 0)
        {
            parts.Add(Plural(hours, "hour"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(Plural(duration.Minutes, "minute"));
        }

        var seconds = duration.Seconds + (duration.SubsecondNanoseconds / 1e9);
        if (seconds > 0 || parts.Count == 0)
        {
            parts.Add(duration.SubsecondNanoseconds == 0
                ? Plural(duration.Seconds, "second")
                : seconds.ToString("0.#########", CultureInfo.InvariantCulture) + " seconds");
        }

        return string.Join(" ", parts);
    }

    /// <summary>An enum value's name as policy files write it: <c>FirstExternalUpdate</c> → <c>firstExternalUpdate</c>.</summary>
    public static string CamelCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>A camelCase name as lower-case words: <c>assignCommander</c> → <c>assign commander</c>.</summary>
    public static string Words(string camelCase)
    {
        var text = new System.Text.StringBuilder(camelCase.Length + 4);
        foreach (var c in camelCase)
        {
            if (char.IsUpper(c))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    public static string Plural(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
