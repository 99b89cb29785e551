using System.Text;
using System.Text.Json;

namespace IncidentService.LoadRun;

/// <summary>What a worker sends for one dedup key.</summary>
internal enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}

/// <summary>
/// One dedup key of the run: its three PagerDuty Events v2 bodies, written once before the run, and the ledger of what
/// was sent for it and how it was answered. Each key belongs to one worker, which sends its actions one at a time, so
/// the ledger needs no lock and its order is the order the service saw.
/// </summary>
/// <remarks>The loss check reads the ledger after every worker has stopped.</remarks>
internal sealed class AlertKey
{
    /// <summary>PagerDuty's <c>payload.severity</c> values in the proportions the run uses per key: one key in ten
    /// critical (SEV-1), two error (SEV-2), four warning (SEV-3), three info (SEV-4).</summary>
    private static readonly string[] Severities = ["critical", "error", "error", "warning", "warning", "warning", "warning", "info", "info", "info"];

    public AlertKey(int index, string runId, string routingKey)
    {
        DedupKey = $"loadrun-{runId}-{index:D5}";
        Severity = Severities[index % Severities.Length];
        var host = $"web-{index % 7:D2}.checkout.internal";
        Trigger = Body(routingKey, "trigger", DedupKey, new
        {
            summary = $"checkout: HTTP 5xx ratio above 2% on {host} (alert {index})",
            source = host,
            severity = Severity,
            component = "checkout-api",
            group = "web",
            @class = "http-errors",
            custom_details = new { ratio = 0.031, threshold = 0.02, window = "5m" },
        });
        Acknowledge = Body(routingKey, "acknowledge", DedupKey, null);
        Resolve = Body(routingKey, "resolve", DedupKey, null);
    }

    public string DedupKey { get; }

    /// <summary>The key's <c>payload.severity</c>; every trigger of the key carries the same one.</summary>
    public string Severity { get; }

    public byte[] Trigger { get; }

    public byte[] Acknowledge { get; }

    public byte[] Resolve { get; }

    /// <summary>Triggers answered 202: each is an <c>alertFired</c> (the first of an incident) or <c>alertJoined</c>
    /// event the service says it stored.</summary>
    public int TriggersAccepted { get; private set; }

    /// <summary>Triggers that got no answer (a transport error or the client's timeout): stored or not, nobody knows.</summary>
    public int TriggersUnanswered { get; private set; }

    /// <summary>Triggers answered 202 since the last resolve that may have been applied (answered 202 or not at all):
    /// each of them is in the incident that is open for the key at the end, whether that resolve was accepted by the
    /// policy (then they opened a new incident) or refused (then they joined the old one).</summary>
    public int TriggersAcceptedSinceResolve { get; private set; }

    /// <summary>Whether a resolve may have been applied (answered 202 or not at all) at some point: if not, every
    /// trigger of the key went to one incident.</summary>
    public bool MayHaveResolved { get; private set; }

    /// <summary>Answers other than 202, for any action (nothing is stored for them: 400, 413 or 503).</summary>
    public int Refused { get; private set; }

    /// <summary>Notes how an action was answered: a status code, or 0 for no answer.</summary>
    public void Note(AlertAction action, int status)
    {
        switch (action, status)
        {
            case (AlertAction.Trigger, 202):
                TriggersAccepted++;
                TriggersAcceptedSinceResolve++;
                break;
            case (AlertAction.Trigger, 0):
                TriggersUnanswered++;
                break;
            case (AlertAction.Resolve, 202 or 0):
                TriggersAcceptedSinceResolve = 0;
                MayHaveResolved = true;
                break;
            case (_, 202 or 0):
                break;
            default:
                Refused++;
                break;
        }
    }

    public byte[] BodyOf(AlertAction action) => action switch
    {
        AlertAction.Trigger => Trigger,
        AlertAction.Acknowledge => Acknowledge,
        _ => Resolve,
    };

    private static byte[] Body(string routingKey, string action, string dedupKey, object? payload)
    {
        var text = payload is null
            ? JsonSerializer.Serialize(new { routing_key = routingKey, event_action = action, dedup_key = dedupKey })
            : JsonSerializer.Serialize(new { routing_key = routingKey, event_action = action, dedup_key = dedupKey, payload });
        return Encoding.UTF8.GetBytes(text);
    }
}
