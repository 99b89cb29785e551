using System.Collections.Immutable;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.PostMortems;

/// <summary>
/// The parts of a post-mortem people write rather than the incident's log: what
/// <see cref="PostMortemMarkdown.Parse"/> reads back from a Markdown file, and what
/// <see cref="PostMortem.WithSections"/> puts onto a post-mortem built from the log.
/// </summary>
/// <remarks>Immutable and thread-safe. Lists are never null; an absent section is empty. Two sections are equal when
/// every part is equal, lists compared item by item.</remarks>
public sealed record PostMortemSections
{
    /// <summary>The title without the date (<c>Checkout Outage</c>), or null to keep the one derived from the incident.</summary>
    public string? Title { get; init; }

    /// <summary>The Incident Commander's display name (<c>Sarah K.</c>), or null to keep the person id from the log.</summary>
    public string? Commander { get; init; }

    /// <summary>The root cause, lines joined with <c>\n</c>; empty when not written.</summary>
    public string RootCause { get; init; } = "";

    /// <summary>The contributing factors, in order.</summary>
    public ImmutableArray<string> ContributingFactors { get; init; } = [];

    /// <summary>The action items, in order, or null to keep those of the incident's log. Items read from Markdown
    /// are open, have ids <c>AI-1</c>, <c>AI-2</c>, … by row, and a missing or unreadable due date (not a real date,
    /// or outside <see cref="Limits.MinDate"/> … <see cref="Limits.MaxDate"/>) is <c>default(LocalDate)</c>, which the
    /// checks report.</summary>
    public ImmutableArray<ActionItem>? ActionItems { get; init; }

    /// <summary>The lessons learned, in order.</summary>
    public ImmutableArray<string> LessonsLearned { get; init; } = [];

    /// <summary>Whether every part equals the other's, lists compared item by item.</summary>
    /// <param name="other">The other sections.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(PostMortemSections? other) =>
        other is not null
        && Title == other.Title
        && Commander == other.Commander
        && RootCause == other.RootCause
        && ContributingFactors.SequenceEqual(other.ContributingFactors)
        && LessonsLearned.SequenceEqual(other.LessonsLearned)
        && (ActionItems is { } mine
            ? other.ActionItems is { } theirs && mine.SequenceEqual(theirs)
            : other.ActionItems is null);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Title, Commander, RootCause, ContributingFactors.Length, LessonsLearned.Length, ActionItems?.Length);
}
