namespace IncidentService.Intake.Slack;

/// <summary>What <see cref="ChannelIncidents.FindAsync"/> found.</summary>
/// <param name="IncidentId">The channel's incident, or <see langword="null"/>.</param>
/// <param name="Failed">Whether the store could not be read (then <paramref name="IncidentId"/> is null).</param>
public sealed record ChannelLookup(string? IncidentId, bool Failed)
{
    /// <summary>The store could not be read.</summary>
    public static ChannelLookup Unavailable { get; } = new(null, true);
}
