namespace IncidentPolicy.Escalation;

/// <summary>Checks of the names conditions refer to: metrics and flags.</summary>
internal static class ConditionNames
{
    public static string Require(string? name, string what, string path)
    {
        var problems = new ProblemList();
        Validate(name, what, problems, path);
        problems.ThrowIfAny();
        return name!;
    }

    public static void Validate(string? name, string what, ProblemList problems, string path)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.AddMissing(path, $"{what} is required");
        }
        else
        {
            problems.CheckText(name, StorableText.Shape.Id, what, path);
        }
    }
}
