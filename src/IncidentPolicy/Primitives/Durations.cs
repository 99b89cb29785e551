using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>Shared checks for durations in a policy: none longer than <see cref="Limits.MaxDuration"/>, so policy
/// files can write and read every one back.</summary>
internal static class Durations
{
    /// <summary>Required and strictly positive: response targets and cadences.</summary>
    public static void RequirePositive(Duration? value, ProblemList problems, string path)
    {
        if (value is not { } v)
        {
            problems.AddMissing(path, "a duration is required");
        }
        else
        {
            PositiveIfPresent(v, problems, path);
        }
    }

    /// <summary>Optional, but strictly positive when present.</summary>
    public static void PositiveIfPresent(Duration? value, ProblemList problems, string path)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v == Duration.Zero)
        {
            problems.Add(path, "must be longer than zero");
        }
        else
        {
            NotNegative(v, problems, path);
        }
    }

    /// <summary>Zero or positive, and at most <see cref="Limits.MaxDuration"/>: delays and graces.</summary>
    public static void NotNegative(Duration value, ProblemList problems, string path)
    {
        if (value < Duration.Zero)
        {
            problems.Add(path, value >= -Limits.MaxDuration
                ? $"must not be negative (got {HumanText.Describe(value)})"
                : "must not be negative");
        }
        else if (value > Limits.MaxDuration)
        {
            problems.Add(path, TooLongReason);
        }
    }

    /// <summary>Why a duration longer than <see cref="Limits.MaxDuration"/> is refused.</summary>
    public static string TooLongReason { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"must be at most {Limits.MaxDuration.Days:N0} days (100 years), the longest duration a policy may state");
}
