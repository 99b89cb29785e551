using System.Text.RegularExpressions;

namespace IncidentPolicy.Escalation;

/// <summary>Checks of rule and policy ids: lower-case kebab form, since they become obligation key qualifiers.</summary>
internal static partial class EscalationIds
{
    public static void Check(string? id, string what, ProblemList problems, string path)
    {
        if (string.IsNullOrEmpty(id))
        {
            problems.AddMissing(path, $"{what} id is required");
        }
        else if (problems.CheckText(id, StorableText.Shape.Id, "the id", path) && !Pattern().IsMatch(id))
        {
            problems.Add(path, $"{what} id '{id}' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'");
        }
    }

    /// <summary>Reports every id used a second time, at <c>ITEM.id</c> of the second item, naming the first.</summary>
    public static void CheckUnique(IEnumerable<(string? Id, string ItemPath)> ids, ProblemList problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, itemPath) in ids)
        {
            if (id is not null && !seen.TryAdd(id, itemPath))
            {
                problems.Add(ProblemList.Join(itemPath, "id"), $"id '{id}' is already used by {seen[id]}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
