namespace IncidentPolicy;

/// <summary>
/// Collects validation problems under a path prefix. A path that already has a problem gets no
/// second one, so a value that failed to parse is not also reported as missing.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<PolicyProblem> _problems = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public bool HasProblems => _problems.Count > 0;

    public IReadOnlyList<PolicyProblem> Problems => _problems;

    /// <summary>Joins a prefix and a member name into a path: <c>$</c> + <c>calendar</c> → <c>$.calendar</c>.</summary>
    public static string Join(string prefix, string member) =>
        prefix.Length == 0 ? member : prefix + "." + member;

    /// <summary>Joins a prefix and an index: <c>$.holidays</c> + 2 → <c>$.holidays[2]</c>.</summary>
    public static string Index(string prefix, int index) => $"{prefix}[{index}]";

    public void Add(string path, string reason)
    {
        var shown = path.Length == 0 ? "$" : path;
        if (_paths.Add(shown))
        {
            _problems.Add(new PolicyProblem(shown, reason));
        }
    }

    public void ThrowIfAny()
    {
        if (HasProblems)
        {
            throw new PolicyValidationException(_problems);
        }
    }
}
