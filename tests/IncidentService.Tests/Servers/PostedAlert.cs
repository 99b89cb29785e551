using System.Text.Json.Serialization;

namespace IncidentService.Tests.Servers;

/// <summary>One alert as Alertmanager's API v2 takes it (<c>POST /api/v2/alerts</c>).</summary>
/// <param name="Labels">Its labels: they identify the alert (its fingerprint is their hash).</param>
/// <param name="Annotations">Its annotations.</param>
/// <param name="StartsAt">When it started.</param>
/// <param name="EndsAt">When it ended (an instant in the past resolves it), or <see langword="null"/> while firing.</param>
public sealed record PostedAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndsAt);
