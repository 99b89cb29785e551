using System.Text;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>
/// A valid incident history for a policy, as <see cref="IncidentGen.Histories(ResponsePolicy)"/> generates it: every
/// step was accepted by <see cref="Incident.Apply"/> in order, so the events replay without rejection, and instants
/// never decrease.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="ToString"/> prints the timeline, so a failing property shows it.</remarks>
public sealed class IncidentHistory
{
    internal IncidentHistory(ResponsePolicy policy, Incident incident, IReadOnlyList<HistoryStep> steps, HistoryPlan plan)
    {
        Policy = policy;
        Incident = incident;
        Steps = steps;
        Plan = plan;
    }

    /// <summary>The policy the history was generated for.</summary>
    public ResponsePolicy Policy { get; }

    /// <summary>The incident after the last step.</summary>
    public Incident Incident { get; }

    /// <summary>The accepted steps, the alert first.</summary>
    public IReadOnlyList<HistoryStep> Steps { get; }

    /// <summary>The event log: one event per step, the <c>alertFired</c> event first.</summary>
    public IReadOnlyList<IncidentEvent> Events => Incident.Events;

    /// <summary>The instant of the alert.</summary>
    public Instant AlertAt => Incident.AlertAt;

    /// <summary>The instant of the last event.</summary>
    public Instant LastEventAt => Incident.LastEventAt;

    /// <summary>Every status the incident was in, in the order first reached, <c>triggered</c> first.</summary>
    public IReadOnlyList<IncidentStatus> StatusesVisited => Steps.Select(s => s.Status).Distinct().ToList();

    /// <summary>The incident after the first <paramref name="count"/> steps, replayed from the log.</summary>
    /// <param name="count">How many steps, from 1 (just the alert) to <c>Steps.Count</c>.</param>
    /// <returns>The incident.</returns>
    public Incident After(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Steps.Count);
        return Incident.Replay(Policy, Incident.Id, Events.Take(count));
    }

    internal HistoryPlan Plan { get; }

    /// <summary>The timeline, one step a line, and the final status.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("incident ").Append(Incident.Id).Append(", ").Append(Steps.Count).Append(" events, ends ")
            .Append(Incident.Status).AppendLine(":");
        foreach (var step in Steps)
        {
            text.Append("  ").AppendLine(step.ToString());
        }

        return text.ToString();
    }
}
