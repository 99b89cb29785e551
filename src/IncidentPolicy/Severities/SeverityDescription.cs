using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>One severity level as <see cref="ResponsePolicy.Describe"/> shows it: its targets and rules, flat.</summary>
/// <remarks>Immutable and thread-safe. Lists compare by reference: compare their items in tests.</remarks>
/// <param name="Id">The level's id, such as <c>SEV-1</c>.</param>
/// <param name="Rank">Its rank; 1 is the most severe.</param>
/// <param name="Name">Its name, such as <c>Critical</c>.</param>
/// <param name="AcknowledgementTarget">The acknowledgement target.</param>
/// <param name="ResponseTarget">The response target: the roles involved engaged.</param>
/// <param name="RolesInvolved">The role ids to engage.</param>
/// <param name="RequiresCommander">Whether an Incident Commander is required (and only they, or a resolver role, may resolve).</param>
/// <param name="DeclarationTimeLimit">How soon after the alert to declare the incident, if the level asks.</param>
/// <param name="CommanderAssignmentTimeLimit">How soon after the alert to assign the commander, if the level asks.</param>
/// <param name="StatusUpdates">The status-page rule in words: <c>external: first within 15 minutes, then every 15 minutes</c>.</param>
/// <param name="UpdateInterval">The external status-update cadence, if any.</param>
/// <param name="PostMortem">The post-mortem rule in words, or <see langword="null"/> when the level has none.</param>
public sealed record SeverityDescription(
    string Id,
    int Rank,
    string Name,
    ResponseTarget AcknowledgementTarget,
    ResponseTarget ResponseTarget,
    IReadOnlyList<string> RolesInvolved,
    bool RequiresCommander,
    Duration? DeclarationTimeLimit,
    Duration? CommanderAssignmentTimeLimit,
    string StatusUpdates,
    Duration? UpdateInterval,
    string? PostMortem)
{
    /// <summary>One line: <c>SEV-1 Critical: acknowledge 5 minutes, respond 15 minutes (on-call-engineer, …), …</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var parts = new List<string>
        {
            $"acknowledge {AcknowledgementTarget}",
            $"respond {ResponseTarget} ({string.Join(", ", RolesInvolved)})",
        };
        if (DeclarationTimeLimit is { } declare)
        {
            parts.Add($"declare {HumanText.Describe(declare)}");
        }

        if (CommanderAssignmentTimeLimit is { } commander)
        {
            parts.Add($"commander {HumanText.Describe(commander)}");
        }

        parts.Add($"status updates {StatusUpdates}");
        parts.Add(PostMortem is null ? "no post-mortem" : $"post-mortem {PostMortem}");
        return $"{Id} {Name}: {string.Join("; ", parts)}";
    }
}
