using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace IncidentPolicy.Primitives;

/// <summary>
/// A role people take in an incident — on-call engineer, engineering manager, comms lead — named by a
/// stable id that severities, permissions and escalation rules refer to.
/// </summary>
/// <remarks>Immutable and thread-safe. Two roles are equal when their id, name, description and
/// <see cref="RespondedBy"/> are equal.</remarks>
public sealed partial record Role
{
    /// <summary>Creates a role.</summary>
    /// <param name="id">Stable id in lower-case kebab form, such as <c>engineering-manager</c>.</param>
    /// <param name="name">Display name, such as <c>Engineering manager</c>.</param>
    /// <param name="description">What the role does in an incident; may be empty.</param>
    /// <param name="respondedBy">The events that meet the role's <c>respond:ROLE</c> obligation, such as
    /// <see cref="ResponseEvent.RoleAssigned"/> and <see cref="ResponseEvent.ExternalStatusUpdatePosted"/> for a comms
    /// lead whose first status-page update counts; at least one, duplicates dropped, order kept. Null for the default
    /// (see <see cref="RespondedBy"/>).</param>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (at most
    /// <see cref="Limits.MaxIdLength"/> characters), the name is blank or not one line of valid Unicode, the
    /// description is not valid Unicode (paths <c>id</c>, <c>name</c>, <c>description</c>), or
    /// <paramref name="respondedBy"/> is empty or holds a value that is not a <see cref="ResponseEvent"/> (path
    /// <c>respondedBy</c>).</exception>
    public Role(string id, string name, string description = "", IEnumerable<ResponseEvent>? respondedBy = null)
    {
        var problems = new ProblemList();
        Validate(id, name, description, problems, "");
        var events = respondedBy?.Distinct().ToImmutableArray();
        if (events is { } given)
        {
            ValidateRespondedBy(given, problems, "respondedBy");
        }

        problems.ThrowIfAny();
        Id = id;
        Name = name;
        Description = description ?? "";
        RespondedBy = events ?? [.. ResponseEvents.DefaultFor(id)];
        _responseMask = MaskOf(RespondedBy);
    }

    private readonly int _responseMask;

    /// <summary>Stable id in lower-case kebab form (<c>on-call-engineer</c>).</summary>
    public string Id { get; }

    /// <summary>Display name (<c>On-call engineer</c>).</summary>
    public string Name { get; }

    /// <summary>What the role does in an incident; empty when not given.</summary>
    public string Description { get; }

    /// <summary>
    /// The events that meet the role's <c>respond:ROLE</c> obligation (<see cref="ResponseEvent"/> says when each
    /// counts). By default <see cref="ResponseEvent.RoleAssigned"/>, and for <c>on-call-engineer</c> also
    /// <see cref="ResponseEvent.Acknowledged"/>.
    /// </summary>
    public ImmutableArray<ResponseEvent> RespondedBy { get; }

    /// <summary>Whether <see cref="RespondedBy"/> is the default for the role's id (policy files then leave it out).</summary>
    internal bool HasDefaultResponse => RespondedBy.SequenceEqual(ResponseEvents.DefaultFor(Id));

    /// <summary>Whether <paramref name="responseEvent"/> is one of <see cref="RespondedBy"/>.</summary>
    internal bool RespondsTo(ResponseEvent responseEvent) => (_responseMask & (1 << (int)responseEvent)) != 0;

    /// <inheritdoc/>
    public bool Equals(Role? other) =>
        other is not null && Id == other.Id && Name == other.Name && Description == other.Description
        && RespondedBy.SequenceEqual(other.RespondedBy);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Description, _responseMask);

    /// <summary>Checks a list of response events: at least one, each a defined value.</summary>
    internal static void ValidateRespondedBy(IReadOnlyList<ResponseEvent> events, ProblemList problems, string path)
    {
        if (events.Count == 0)
        {
            problems.Add(path, $"at least one event must meet the role's respond obligation; one of {ResponseEvents.NameList}");
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (!Enum.IsDefined(events[i]))
            {
                problems.Add(ProblemList.Index(path, i), $"{(int)events[i]} is not a response event; one of {ResponseEvents.NameList}");
            }
        }
    }

    private static int MaskOf(IEnumerable<ResponseEvent> events) =>
        events.Where(e => Enum.IsDefined(e)).Aggregate(0, (mask, e) => mask | (1 << (int)e));

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
