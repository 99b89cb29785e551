using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Api;
using NodaTime;

namespace IncidentService.Operations;

/// <summary>Counts the overdue obligations of every open incident visible to the system, evaluating each (replayed by
/// the <see cref="IncidentReader"/>, which keeps unchanged incidents) at the service clock's instant.</summary>
internal sealed class OverdueObligations(IGrainFactory grains, IncidentReader reader, IClock clock)
{
    /// <summary>Counts now.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var heads = await grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync().WaitAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var overdue = 0;
        foreach (var head in heads)
        {
            var read = await reader.ReadAsync(head.IncidentId, head.Version, cancellationToken);
            if (read is not null)
            {
                overdue += read.Incident.Policy.Evaluate(read.Incident, Instant.Max(now, read.Incident.LastEventAt)).Overdue.Count();
            }
        }

        return overdue;
    }
}
