using System.Text.Json;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Shared;
using NodaTime;
using NodaTime.Text;

namespace IncidentService.Intake.Changes;

/// <summary>
/// The seed runbook's first question, "did we deploy in the last 2 hours?": the changes to an incident's service in the
/// two hours before its alert, for the API and the dashboard.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class IncidentChanges(IChangeLog changes, IGrainFactory grains)
{
    /// <summary>How far before the alert changes are shown: two hours.</summary>
    public static Duration Window { get; } = Duration.FromHours(2);

    /// <summary>The changes to <paramref name="service"/> from two hours before <paramref name="alertAt"/> up to it
    /// (inclusive), oldest first.</summary>
    /// <param name="service">The incident's service.</param>
    /// <param name="alertAt">When its alert fired.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes.</returns>
    public Task<IReadOnlyList<ChangeRecord>> BeforeAlertAsync(string service, Instant alertAt, CancellationToken cancellationToken = default) =>
        changes.ForServiceAsync(service, alertAt - Window, alertAt, cancellationToken);

    /// <summary>The changes to incident <paramref name="incidentId"/>'s service in the two hours before its alert.</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes; empty when the incident does not exist or names no service.</returns>
    public async Task<IReadOnlyList<ChangeRecord>> BeforeAlertAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var json = await grains.GetGrain<IIncidentGrain>(incidentId).GetStateJsonAsync().ConfigureAwait(false);
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var incident = document.RootElement.GetProperty("incident");
        if (!incident.TryGetProperty("service", out var service) || service.ValueKind != JsonValueKind.String
            || !incident.TryGetProperty("alertAt", out var alertAt) || alertAt.ValueKind != JsonValueKind.String)
        {
            return [];
        }

        var at = InstantPattern.ExtendedIso.Parse(alertAt.GetString()!);
        return at.Success ? await BeforeAlertAsync(service.GetString()!, at.Value, cancellationToken).ConfigureAwait(false) : [];
    }
}
