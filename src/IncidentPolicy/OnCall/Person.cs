using System.Text.RegularExpressions;

namespace IncidentPolicy.OnCall;

/// <summary>
/// Someone who can be on call: a stable id that rotations, overrides and unavailability refer to, a display
/// name, and tags such as <c>senior</c> that rules check (the Incident Commander rotation draws on people
/// tagged <see cref="SeniorTag"/>).
/// </summary>
/// <remarks>Immutable and thread-safe. Two people are equal when id, name and tags (in order) are equal.</remarks>
public sealed partial class Person : IEquatable<Person>
{
    /// <summary>The tag that marks a senior+ engineer, who may be Incident Commander: <c>senior</c>.</summary>
    public const string SeniorTag = "senior";

    /// <summary>Creates a person.</summary>
    /// <param name="id">Stable id in lower-case kebab form, such as <c>alex</c> or <c>sam-lee</c>.</param>
    /// <param name="name">Display name, such as <c>Sam Lee</c>.</param>
    /// <param name="tags">Tags in lower-case kebab form, such as <c>senior</c>; none twice. Optional.</param>
    /// <exception cref="PolicyValidationException">The id or a tag is not lower-case kebab form, a tag is listed
    /// twice, or the name is blank (paths <c>id</c>, <c>name</c>, <c>tags[1]</c>).</exception>
    public Person(string id, string name, IEnumerable<string>? tags = null)
    {
        var tagList = tags?.ToList() ?? [];
        var problems = new ProblemList();
        Validate(id, name, tagList, problems, "");
        problems.ThrowIfAny();
        Id = id;
        Name = name;
        Tags = tagList.AsReadOnly();
    }

    /// <summary>Stable id in lower-case kebab form (<c>sam-lee</c>).</summary>
    public string Id { get; }

    /// <summary>Display name (<c>Sam Lee</c>).</summary>
    public string Name { get; }

    /// <summary>Tags in the order given, such as <c>senior</c>; empty when none.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether the person carries <paramref name="tag"/> (compared ordinally).</summary>
    /// <param name="tag">A tag such as <see cref="SeniorTag"/>.</param>
    /// <returns><see langword="true"/> when <see cref="Tags"/> contains it.</returns>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>The display name and id: <c>Sam Lee (sam-lee)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Name} ({Id})";

    /// <inheritdoc/>
    public bool Equals(Person? other) =>
        other is not null && Id == other.Id && Name == other.Name && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Person);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Tags.Count);

    internal static void Validate(string? id, string? name, IReadOnlyList<string?> tags, ProblemList problems, string path)
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

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tagsPath = ProblemList.Join(path, "tags");
        for (var i = 0; i < tags.Count; i++)
        {
            var tagPath = ProblemList.Index(tagsPath, i);
            if (!problems.CheckText(tags[i], StorableText.Shape.Id, "the tag", tagPath))
            {
                continue;
            }

            if (string.IsNullOrEmpty(tags[i]) || !IdPattern().IsMatch(tags[i]!))
            {
                problems.Add(tagPath, $"tag '{tags[i]}' must be lower-case letters and digits separated by single hyphens, like 'senior'");
            }
            else if (!seen.Add(tags[i]!))
            {
                problems.Add(tagPath, $"tag '{tags[i]}' is listed twice");
            }
        }
    }

    /// <summary>Checks a person id where one is given or referred to: required, lower-case kebab form.</summary>
    internal static bool CheckId(string? id, ProblemList problems, string path)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.AddMissing(path, "a person id is required");
            return false;
        }

        if (!problems.CheckText(id, StorableText.Shape.Id, "the person id", path))
        {
            return false;
        }

        if (!IdPattern().IsMatch(id))
        {
            problems.Add(path, $"person id '{id}' must be lower-case letters and digits separated by single hyphens, like 'sam-lee'");
            return false;
        }

        return true;
    }

    /// <summary>Checks an id of a schedule or layer: required, lower-case kebab form.</summary>
    internal static bool CheckOtherId(string? id, string what, string example, ProblemList problems, string path)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.AddMissing(path, $"a {what} id is required");
            return false;
        }

        if (!problems.CheckText(id, StorableText.Shape.Id, $"the {what} id", path))
        {
            return false;
        }

        if (!IdPattern().IsMatch(id))
        {
            problems.Add(path, $"{what} id '{id}' must be lower-case letters and digits separated by single hyphens, like '{example}'");
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
