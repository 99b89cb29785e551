using System.Text.RegularExpressions;

namespace IncidentPolicy.Primitives;

/// <summary>
/// A role people take in an incident — on-call engineer, engineering manager, comms lead — named by a
/// stable id that severities, permissions and escalation rules refer to.
/// </summary>
/// <remarks>Immutable and thread-safe. Two roles are equal when all three parts are equal.</remarks>
public sealed partial record Role
{
    /// <summary>Creates a role.</summary>
    /// <param name="id">Stable id in lower-case kebab form, such as <c>engineering-manager</c>.</param>
    /// <param name="name">Display name, such as <c>Engineering manager</c>.</param>
    /// <param name="description">What the role does in an incident; may be empty.</param>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (at most
    /// <see cref="Limits.MaxIdLength"/> characters), the name is blank or not one line of valid Unicode, or the
    /// description is not valid Unicode (paths <c>id</c>, <c>name</c>, <c>description</c>).</exception>
    public Role(string id, string name, string description = "")
    {
        var problems = new ProblemList();
        Validate(id, name, description, problems, "");
        problems.ThrowIfAny();
        Id = id;
        Name = name;
        Description = description ?? "";
    }

    /// <summary>Stable id in lower-case kebab form (<c>on-call-engineer</c>).</summary>
    public string Id { get; }

    /// <summary>Display name (<c>On-call engineer</c>).</summary>
    public string Name { get; }

    /// <summary>What the role does in an incident; empty when not given.</summary>
    public string Description { get; }

    internal static void Validate(string? id, string? name, string? description, ProblemList problems, string path)
    {
        CheckId(id, problems, ProblemList.Join(path, "id"));
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.AddMissing(ProblemList.Join(path, "name"), "a name is required");
        }
        else
        {
            problems.CheckText(name, StorableText.Shape.Line, "the name", ProblemList.Join(path, "name"));
        }

        problems.CheckText(description, StorableText.Shape.Free, "the description", ProblemList.Join(path, "description"));
    }

    /// <summary>Checks a role id where one is referred to: required, lower-case kebab form.</summary>
    internal static bool CheckId(string? id, ProblemList problems, string path)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.AddMissing(path, "a role id is required");
            return false;
        }

        if (!problems.CheckText(id, StorableText.Shape.Id, "the role id", path))
        {
            return false;
        }

        if (!IdPattern().IsMatch(id))
        {
            problems.Add(path, $"role id '{id}' must be lower-case letters and digits separated by single hyphens, like 'engineering-manager'");
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
