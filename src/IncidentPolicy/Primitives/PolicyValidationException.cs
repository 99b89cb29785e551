using System.Collections.ObjectModel;

namespace IncidentPolicy.Primitives;

/// <summary>
/// Thrown when a policy, or a part of one, is invalid. It lists every problem found, each with
/// its path and reason, rather than stopping at the first (a JSON syntax error is the exception:
/// parsing cannot go on past it, so it is the only problem listed).
/// </summary>
/// <remarks>This is the only exception type that policy construction and
/// <c>PolicyJson</c> let escape for bad input.</remarks>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception from the problems found; there must be at least one.</summary>
    /// <param name="problems">The problems, in the order they were found.</param>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public PolicyValidationException(IEnumerable<PolicyProblem> problems)
        : this(Materialize(problems))
    {
    }

    private PolicyValidationException(ReadOnlyCollection<PolicyProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in document order; never empty.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    private static ReadOnlyCollection<PolicyProblem> Materialize(IEnumerable<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var list = problems.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A validation exception needs at least one problem.", nameof(problems));
        }

        return list.AsReadOnly();
    }

    private static string Describe(IReadOnlyList<PolicyProblem> problems)
    {
        var header = problems.Count == 1 ? "The policy has 1 problem:" : $"The policy has {problems.Count} problems:";
        return header + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}
