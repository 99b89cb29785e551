using System.Globalization;
using System.Text;

namespace IncidentService.LoadRun;

/// <summary>What the requests started in the measured window saw, merged over the workers.</summary>
internal sealed class WindowResult(int seconds, TimeSpan drained)
{
    private readonly long[] _statuses = new long[600];
    private readonly long[] _accepted = new long[3];

    public int Seconds { get; } = seconds;

    /// <summary>How long the requests in flight at the window's end took to finish.</summary>
    public TimeSpan Drained { get; } = drained;

    public LatencyHistogram Latency { get; } = new();

    public long Requests => Latency.Count;

    public long Accepted => _statuses[202];

    public long TriggersAccepted => _accepted[(int)AlertAction.Trigger];

    public long TransportErrors => _statuses[0];

    public long Other => Requests - Accepted - TransportErrors;

    /// <summary>202s per second of the window.</summary>
    public double AlertsPerSecond => Accepted / (double)Seconds;

    public void Add(LoadGenerator.Worker worker)
    {
        Latency.Add(worker.Latency);
        for (var i = 0; i < _statuses.Length; i++)
        {
            _statuses[i] += worker.Statuses[i];
        }

        for (var i = 0; i < _accepted.Length; i++)
        {
            _accepted[i] += worker.Accepted[i];
        }
    }

    /// <summary>The answers other than 202, by status (<c>none</c> for no answer), such as <c>503×12, none×1</c>; or
    /// <c>none</c>.</summary>
    public string NonAccepted()
    {
        var text = new StringBuilder();
        for (var status = 0; status < _statuses.Length; status++)
        {
            if (status != 202 && _statuses[status] > 0)
            {
                text.Append(text.Length > 0 ? ", " : "")
                    .Append(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))
                    .Append('×').Append(_statuses[status].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    public string AcceptedByAction() => string.Create(CultureInfo.InvariantCulture,
        $"trigger {_accepted[0]}, acknowledge {_accepted[1]}, resolve {_accepted[2]}");
}
