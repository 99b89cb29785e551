using System.Text.Json;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy deadlines --format json</c>:
/// <c>{"severity":"SEV-3","alertAt":"…","deadlines":[{"kind":"acknowledge","dueAt":"…"}, …]}</c>,
/// instants in ISO 8601 UTC ending in <c>Z</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal static class DeadlinesJson
{
    /// <summary>Writes the deadlines of an alert.</summary>
    /// <param name="severityId">The severity of the alert.</param>
    /// <param name="alertAt">When the alert fired.</param>
    /// <param name="deadlines">The deadlines, as <see cref="ResponsePolicy.Deadlines"/> returns them.</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    public static string Serialize(string severityId, Instant alertAt, IEnumerable<Deadline> deadlines, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var document = new DeadlinesDocument
        {
            Severity = severityId,
            AlertAt = alertAt,
            Deadlines = deadlines.Select(d => new DeadlineDocument { Kind = d.KindName, DueAt = d.DueAt }).ToList(),
        };
        return JsonSerializer.Serialize(document, clock.Json.DeadlinesDocument);
    }
}

internal sealed class DeadlinesDocument
{
    public string? Severity { get; set; }

    public Instant AlertAt { get; set; }

    public List<DeadlineDocument>? Deadlines { get; set; }
}

internal sealed class DeadlineDocument
{
    public string? Kind { get; set; }

    public Instant DueAt { get; set; }
}
