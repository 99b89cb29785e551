using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// Rules from impact facts to a severity: every rule whose condition holds suggests its severity, and the most
/// severe suggestion wins.
/// </summary>
/// <remarks>
/// <para>JSON (key <c>severitySuggestion</c>): a list of <see cref="SeverityRule"/>s.</para>
/// <para>Immutable and thread-safe. <c>ResponsePolicy.Default.SeverityMatrix</c> follows the seed's examples.</para>
/// </remarks>
public sealed class SeverityMatrix
{
    /// <summary>Creates the matrix.</summary>
    /// <param name="rules">The rules, in order; ids unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or a rule is null.</exception>
    /// <exception cref="PolicyValidationException">An id is used twice (path <c>[i].id</c>).</exception>
    public SeverityMatrix(IEnumerable<SeverityRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        if (list.Any(r => r is null))
        {
            throw new ArgumentNullException(nameof(rules), "A rule is null.");
        }

        var problems = new ProblemList();
        EscalationIds.CheckUnique(list.Select((r, i) => ((string?)r.Id, ProblemList.Index("", i))), problems);
        problems.ThrowIfAny();
        Rules = list.AsReadOnly();
    }


    /// <summary>No rules: nothing is ever suggested.</summary>
    public static SeverityMatrix None { get; } = new([]);

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<SeverityRule> Rules { get; }

    /// <summary>The matrix a policy gets when it sets none: the seed's without the rules whose severity the
    /// scale lacks.</summary>
    /// <param name="seed">The seed's matrix.</param>
    /// <param name="severities">The policy's severity scale.</param>
    /// <returns>The matrix.</returns>
    internal static SeverityMatrix DefaultFor(SeverityMatrix seed, SeverityScale severities)
    {
        ArgumentNullException.ThrowIfNull(severities);
        var kept = seed.Rules.Where(r => severities.Find(r.SeverityId) is not null).ToList();
        return kept.Count == seed.Rules.Count ? seed : new SeverityMatrix(kept);
    }

    /// <summary>
    /// Suggests a severity: the most severe level of <paramref name="severities"/> among the rules whose condition
    /// holds for <paramref name="impacts"/> and <paramref name="flags"/>, with those rules as the reason. Rules naming a
    /// severity the scale lacks are skipped.
    /// </summary>
    /// <param name="impacts">The latest value of each impact metric, such as <c>paymentFailureRate</c> → 3.5.</param>
    /// <param name="flags">The flags raised.</param>
    /// <param name="severities">The scale the rules' severity ids are looked up in.</param>
    /// <returns>The suggestion; its <see cref="SeveritySuggestion.Severity"/> is <see langword="null"/> when no rule matches.</returns>
    public SeveritySuggestion Suggest(IReadOnlyDictionary<string, decimal> impacts, IEnumerable<string> flags, SeverityScale severities)
    {
        ArgumentNullException.ThrowIfNull(impacts);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(severities);
        var facts = new IncidentFacts(severities, IncidentStatus.Triggered, Instant.FromUnixTimeTicks(0), impacts: impacts, flags: flags);
        SeverityLevel? best = null;
        var because = new List<SeverityRule>();
        foreach (var rule in Rules)
        {
            if (!severities.TryGet(rule.SeverityId, out var level) || !rule.When.Holds(facts.Values, facts.AlertAt))
            {
                continue;
            }

            if (best is null || level.IsMoreSevereThan(best))
            {
                best = level;
                because.Clear();
            }

            if (level.Rank == best.Rank)
            {
                because.Add(rule);
            }
        }

        var reason = best is null
            ? "no severity rule matches the recorded impact figures and flags; assess the severity by hand"
            : $"{best.Id} because " + string.Join(" and ", because.Select(r => $"{r.When.Describe()} (rule {r.Id})"));
        return new SeveritySuggestion(best, because.AsReadOnly(), reason);
    }
}
