using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    // Names and descriptions that must survive JSON escaping: quotes, backslashes, non-ASCII, emoji; descriptions also
    // line breaks and tabs (names are one line: Limits' text rules).
    private static readonly string[] PolicyLineFragments =
        ["Checkout", " down", "\"quoted\"", "back\\slash", "€47K", "–", "Ünïcödé", "😀", "<html>", "&", "'", "+", "/"];

    private static readonly string[] PolicyFragments = [.. PolicyLineFragments, "line\nbreak", "tab\t"];

    private static readonly Gen<string> PolicyLine = Texts(PolicyLineFragments);

    private static readonly Gen<string> PolicyText = Texts(PolicyFragments);

    private static Gen<string> Texts(string[] fragments) =>
        Gen.ListOf(Gen.Elements(fragments), 1).SelectMany(first => Gen.ListOf(Gen.Elements(fragments), 3).Select(rest => string.Concat(first.Concat(rest))));

    /// <summary>Response targets: on the wall clock, in business hours (both with <see cref="PositiveDurations"/>), the
    /// next business day, or 1 to 10 business days.</summary>
    public static Gen<ResponseTarget> ResponseTargets { get; } = Gen.OneOf(
        PositiveDurations.Select(ResponseTarget.WallClock),
        PositiveDurations.Select(ResponseTarget.BusinessHours),
        Gen.Constant(ResponseTarget.NextBusinessDay),
        Gen.Choose(1, 10).Select(ResponseTarget.BusinessDays));

    private static readonly Gen<StatusUpdateRule> StatusRules = Gen.OneOf(
        Gen.Constant(StatusUpdateRule.None),
        Gen.Constant(StatusUpdateRule.InternalOnly),
        from first in PositiveDurations
        from every in OptionalDurations
        select StatusUpdateRule.External(first, every));

    private static readonly Gen<PostMortemRule?> PostMortemRules = Gen.OneOf(
        Gen.Constant((PostMortemRule?)null),
        from within in PositiveDurations
        from required in Gen.Elements(true, false)
        select (PostMortemRule?)new PostMortemRule(within, required));

    /// <summary>One to six roles with ids <c>role-1</c>, <c>role-2</c>, … and names and descriptions of tricky text.</summary>
    public static Gen<Role[]> Roles { get; } =
        from count in Gen.Choose(1, 6)
        from names in Gen.ArrayOf(PolicyLine, count)
        from descriptions in Gen.ArrayOf(PolicyText, count)
        select Enumerable.Range(0, count).Select(i => new Role($"role-{i + 1}", names[i], i % 2 == 0 ? descriptions[i] : "")).ToArray();

    private static Gen<SeverityLevel> Level(int rank, IReadOnlyList<string> roleIds) =>
        from name in PolicyLine
        from description in PolicyText
        from examples in Gen.ListOf(PolicyLine, 3)
        from roles in Gen.SubListOf(roleIds.ToArray()).Where(r => r.Count > 0)
        from acknowledge in ResponseTargets
        from respond in ResponseTargets
        from declare in OptionalDurations
        from commander in OptionalDurations
        from status in StatusRules
        from postMortem in PostMortemRules
        select new SeverityLevel($"SEV-{rank}", rank, name, description, examples, roles, acknowledge, respond, declare, commander, status, postMortem);

    /// <summary>Severity scales of one to five levels <c>SEV-n</c> with distinct ranks from 1 to 9, given in any order,
    /// each involving some of <paramref name="roleIds"/>, with random targets, commander windows, status-page and
    /// post-mortem rules. Targets are not monotone: see <see cref="PolicyProperties.MoreSevereIsNoSlower"/>.</summary>
    /// <param name="roleIds">The policy's role ids; at least one.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException"><paramref name="roleIds"/> is empty.</exception>
    public static Gen<SeverityScale> SeverityScales(IReadOnlyList<string> roleIds)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        if (roleIds.Count == 0)
        {
            throw new ArgumentException("A severity level involves at least one role.", nameof(roleIds));
        }

        return from ranks in Gen.SubListOf(Enumerable.Range(1, 9).ToArray()).Where(r => r.Count is >= 1 and <= 5)
               from levels in Gen.CollectToArray(ranks.Select(rank => Level(rank, roleIds)))
               from shuffled in Gen.Shuffle(levels)
               select new SeverityScale(shuffled);
    }

    /// <summary>Whole valid policies: random <see cref="Roles"/>, a random severity scale
    /// (<see cref="SeverityScales"/>), any of <see cref="Calendars"/>, random escalation sections and severity
    /// matrices. Lifecycle rules, people and schedules are the defaults for the roles.</summary>
    public static Gen<ResponsePolicy> Policies { get; } =
        from roles in Roles
        let roleIds = roles.Select(r => r.Id).ToArray()
        from scale in SeverityScales(roleIds)
        from calendar in Calendars
        let severityIds = scale.Select(l => l.Id).ToArray()
        from escalation in EscalationSections(roleIds, severityIds)
        from matrix in SeverityMatrices(severityIds)
        select new ResponsePolicy(roles, scale, calendar).WithEscalation(escalation).WithSeverityMatrix(matrix);
}
