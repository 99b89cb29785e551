namespace IncidentPolicy.Primitives;

/// <summary>
/// Collects validation problems, each with its path. No problem is dropped: a path may have several (a duplicated
/// key and the invalid value it ends with; a rank that is both below 1 and used twice). Only two things are left
/// out: the same problem twice (same path, same reason), and a "missing" problem (<see cref="AddMissing"/>) at a path
/// whose value was already reported as unreadable (<see cref="AddUnreadable"/>) or missing — a value that failed to
/// parse is not also reported as absent.
/// </summary>
internal sealed class ProblemList
{
    // Created on the first problem: every constructor of a policy part makes a list, and almost all stay empty.
    private List<PolicyProblem>? _problems;
    private HashSet<(string Path, string Reason)>? _listed;

    // Paths whose value is accounted for: it could not be read, or its absence is reported.
    private HashSet<string>? _settled;

    public bool HasProblems => _problems is { Count: > 0 };

    public IReadOnlyList<PolicyProblem> Problems => (IReadOnlyList<PolicyProblem>?)_problems ?? [];

    /// <summary>Joins a prefix and a member name into a path: <c>$</c> + <c>calendar</c> → <c>$.calendar</c>.</summary>
    public static string Join(string prefix, string member) =>
        prefix.Length == 0 ? member : prefix + "." + member;

    /// <summary>Joins a prefix and an index: <c>$.holidays</c> + 2 → <c>$.holidays[2]</c>.</summary>
    public static string Index(string prefix, int index) => $"{prefix}[{index}]";

    /// <summary>Puts a path relative to an object (as its constructor reports it: <c>id</c>, <c>[2].id</c>, <c>$</c>
    /// for the object itself, or <c>$.roles[0]</c> as a policy reports its own parts) under the path of that object:
    /// <c>$.runbooks[0]</c> + <c>id</c> → <c>$.runbooks[0].id</c>.</summary>
    public static string Under(string prefix, string relative) =>
        relative.Length == 0 || relative == "$" ? prefix
        : relative[0] == '$' ? prefix + relative[1..]
        : relative[0] == '[' ? prefix + relative
        : Join(prefix, relative);

    /// <summary>Adds a problem.</summary>
    public void Add(string path, string reason)
    {
        var shown = Shown(path);
        if ((_listed ??= []).Add((shown, reason)))
        {
            (_problems ??= []).Add(new PolicyProblem(shown, reason));
        }
    }

    /// <summary>Adds a problem saying the value at <paramref name="path"/> could not be read; a later
    /// <see cref="AddMissing"/> at that path is left out.</summary>
    public void AddUnreadable(string path, string reason)
    {
        (_settled ??= new(StringComparer.Ordinal)).Add(Shown(path));
        Add(path, reason);
    }

    /// <summary>Adds a problem saying the value at <paramref name="path"/> is missing (or empty), unless that value
    /// was already reported as unreadable or missing.</summary>
    public void AddMissing(string path, string reason)
    {
        if ((_settled ??= new(StringComparer.Ordinal)).Add(Shown(path)))
        {
            Add(path, reason);
        }
    }

    /// <summary>Adds every problem of a <see cref="PolicyValidationException"/> thrown by the constructor of the
    /// object at <paramref name="prefix"/>, with its path put under that prefix.</summary>
    public void AddAll(string prefix, PolicyValidationException exception)
    {
        foreach (var problem in exception.Problems)
        {
            Add(Under(prefix, problem.Path), problem.Reason);
        }
    }

    /// <summary>Adds a problem when <paramref name="text"/> is not storable (<see cref="StorableText"/>: valid
    /// Unicode, no control characters but line breaks and tabs in free text, not too long); true when it is storable
    /// or null. <paramref name="what"/> names it in the reason ("the name").</summary>
    public bool CheckText(string? text, StorableText.Shape shape, string what, string path)
    {
        if (StorableText.Check(text, shape, what) is not { } reason)
        {
            return true;
        }

        // Problems read as phrases: "the name has the control character U+0001 at position 2; …".
        Add(path, char.ToLowerInvariant(reason[0]) + reason[1..].TrimEnd('.'));
        return false;
    }

    public void ThrowIfAny()
    {
        if (_problems is { Count: > 0 } problems)
        {
            throw new PolicyValidationException(problems);
        }
    }

    private static string Shown(string path) => path.Length == 0 ? "$" : path;
}
