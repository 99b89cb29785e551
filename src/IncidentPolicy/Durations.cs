using NodaTime;

namespace IncidentPolicy;

/// <summary>Shared checks for durations in a policy.</summary>
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

        if (v < Duration.Zero)
        {
            problems.Add(path, $"must not be negative (got {HumanText.Describe(v)})");
        }
        else if (v == Duration.Zero)
        {
            problems.Add(path, "must be longer than zero");
        }
    }
}
