using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>
/// Ready-made invariants to check your own policy with one line each. Every member returns an FsCheck
/// <see cref="Property"/> over valid histories of the policy (<see cref="IncidentArbitraries.Histories"/>, which
/// shrink) or alert instants, labelled with the timeline when it fails:
/// <code>
/// [Property(MaxTest = 200)]
/// public Property NextWakeUp_NeverInThePast() => PolicyProperties.NextWakeUpIsNeverInThePast(MyPolicy);
/// // or, with any test runner:
/// PolicyProperties.NextWakeUpIsNeverInThePast(MyPolicy).QuickCheckThrowOnFailure();
/// </code>
/// </summary>
/// <remarks>Thread-safe. The properties read the policy only; they never touch the wall clock.</remarks>
public static class PolicyProperties
{
    /// <summary>How far after the last event the properties evaluate an incident: up to ten days.</summary>
    public static Duration EvaluationHorizon { get; } = Duration.FromDays(10);

    /// <summary>The window <see cref="EscalationTerminates(ResponsePolicy)"/> walks: seven days after the last event.</summary>
    public static Duration EscalationWindow { get; } = Duration.FromDays(7);

    private static Gen<Duration> Offsets { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 120).Select(m => Duration.FromMinutes(m))),
        (1, Gen.Choose(0, (int)EvaluationHorizon.TotalMinutes).Select(m => Duration.FromMinutes(m))));

    /// <summary>Severities that require an Incident Commander always have one before the incident is resolved: at every
    /// <c>resolved</c> event of every history, if the incident's severity then requires a commander, one is assigned.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property CommanderAssignedBeforeResolve(ResponsePolicy policy) =>
        Prop.ForAll(IncidentArbitraries.Histories(Require(policy)), history =>
            ResolveWithoutCommander(history.Policy, history.Incident.Id, history.Events) is { } problem
                ? false.Label($"{problem}\n{history}")
                : true.Label(history.ToString()));

    /// <summary>The first <c>resolved</c> event of the log at a severity that requires a commander while none was
    /// assigned, described; <see langword="null"/> when there is none. Reads the log leniently, so it answers for logs
    /// that broke the rule too.</summary>
    internal static string? ResolveWithoutCommander(ResponsePolicy policy, string incidentId, IReadOnlyList<IncidentEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i] is Resolved resolved)
            {
                var before = Incident.ReplayLenient(policy, incidentId, events.Take(i)).Incident;
                if (before.Severity is { RequiresCommander: true } level && before.Commander is null)
                {
                    return $"resolved at {TextFormats.Format(resolved.At)} by {resolved.By} as {level.Id} without an Incident Commander";
                }
            }
        }

        return null;
    }

    /// <summary>Every obligation is due no earlier than what triggers it: open-incident obligations and escalations no
    /// earlier than the alert, scheduling the post-mortem no earlier than the first resolution, an action item no
    /// earlier than it was added, and each rolling status update no earlier than the one before.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property ObligationsAreDueNoEarlierThanTheirTrigger(ResponsePolicy policy) =>
        ObligationsAreDueNoEarlierThanTheirTrigger(IncidentArbitraries.Histories(Require(policy)), Evaluator.Of(policy));

    internal static Property ObligationsAreDueNoEarlierThanTheirTrigger(Arbitrary<IncidentHistory> histories, Evaluator evaluate) =>
        Prop.ForAll(histories, Offsets.ToArbitrary(), (history, offset) =>
        {
            var incident = history.Incident;
            var evaluation = evaluate(incident, incident.LastEventAt + offset);
            var firstResolved = history.Events.OfType<Resolved>().Select(e => (Instant?)e.At).FirstOrDefault();
            var added = history.Events.OfType<ActionItemAdded>().ToDictionary(e => e.Id, e => e.At);
            foreach (var obligation in evaluation.Obligations.OrderBy(o => o.DueAt))
            {
                var trigger = obligation.Kind switch
                {
                    ObligationKind.SchedulePostMortem => firstResolved ?? incident.AlertAt,
                    ObligationKind.ActionItem => added.GetValueOrDefault(obligation.Key["actionItem:".Length..], incident.AlertAt),
                    _ => incident.AlertAt,
                };
                if (obligation.DueAt < trigger)
                {
                    return false.Label($"{obligation} is due before its trigger at {TextFormats.Format(trigger)}\n{history}");
                }
            }

            foreach (var kind in new[] { ObligationKind.ExternalUpdate, ObligationKind.InternalUpdate })
            {
                var rolling = evaluation.Obligations.Where(o => o.Kind == kind).ToList();
                for (var i = 1; i < rolling.Count; i++)
                {
                    if (rolling[i].DueAt < rolling[i - 1].DueAt)
                    {
                        return false.Label($"{rolling[i]} is due before {rolling[i - 1]}\n{history}");
                    }
                }
            }

            return true.Label(history.ToString());
        });

    /// <summary><see cref="Evaluation.NextWakeUp"/> is never in the past: evaluated at any instant from the last event
    /// on, it is after that instant, or absent when nothing is pending.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property NextWakeUpIsNeverInThePast(ResponsePolicy policy) =>
        NextWakeUpIsNeverInThePast(IncidentArbitraries.Histories(Require(policy)), Evaluator.Of(policy));

    internal static Property NextWakeUpIsNeverInThePast(Arbitrary<IncidentHistory> histories, Evaluator evaluate) =>
        Prop.ForAll(histories, Offsets.ToArbitrary(), (history, offset) =>
        {
            var now = history.LastEventAt + offset;
            var evaluation = evaluate(history.Incident, now);
            var ok = evaluation.NextWakeUp is not { } wake
                ? evaluation.Obligations.All(o => o.State != ObligationState.Pending)
                : wake > now;
            return ok.Label($"evaluated at {TextFormats.Format(now)}: next wake-up {(evaluation.NextWakeUp is { } w ? TextFormats.Format(w) : "none")}\n{history}");
        });

    /// <summary>Escalation terminates: walking from wake-up to wake-up for <see cref="EscalationWindow"/> after the last
    /// event ends in a bounded number of steps, and the escalations owed by then are finitely many — no more than every
    /// escalation policy's whole plan and every rule once for each event.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property EscalationTerminates(ResponsePolicy policy) =>
        EscalationTerminates(IncidentArbitraries.Histories(Require(policy)), Evaluator.Of(policy));

    internal static Property EscalationTerminates(Arbitrary<IncidentHistory> histories, Evaluator evaluate) =>
        Prop.ForAll(histories, history =>
        {
            var policy = history.Policy;
            var perStart = policy.Escalation.Policies.Sum(p => p.Levels.Sum(l => l.Targets.Count) * (p.RepeatCount + 1)) + policy.Escalation.Rules.Count;
            var bound = perStart * (history.Events.Count + 1);
            var end = history.LastEventAt + EscalationWindow;
            var now = history.LastEventAt;
            var wakeUps = 0;
            while (evaluate(history.Incident, now).NextWakeUp is { } next && next <= end)
            {
                if (++wakeUps > 10 * (bound + 100))
                {
                    return false.Label($"more than {wakeUps - 1} wake-ups within {EscalationWindow} of the last event\n{history}");
                }

                now = next;
            }

            var escalations = evaluate(history.Incident, end).Obligations.Count(o => o.Kind == ObligationKind.Escalate);
            return (escalations <= bound).Label($"{escalations} escalations within {EscalationWindow} of the last event, more than {bound}\n{history}");
        });

    /// <summary>Raising the severity never cancels a pending escalation whose rule still holds: for an open incident,
    /// every escalation pending just before a change to a more severe level is still owed (pending, overdue or met)
    /// just after, unless its escalation policy's stop condition now holds.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property RaisingSeverityKeepsPendingEscalations(ResponsePolicy policy) =>
        RaisingSeverityKeepsPendingEscalations(IncidentArbitraries.Histories(Require(policy)), Evaluator.Of(policy));

    internal static Property RaisingSeverityKeepsPendingEscalations(Arbitrary<IncidentHistory> histories, Evaluator evaluate) =>
        Prop.ForAll(histories, Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (history, choice, minutes) =>
        {
            // Raise the severity minutes after any step, not only the last, and after one of the first three steps half
            // the time, so that escalations which start with the alert are still pending.
            var steps = choice % 2 == 0 ? Math.Min(3, history.Steps.Count) : history.Steps.Count;
            var incident = history.After(1 + (choice / 2 % steps));
            var policy = history.Policy;
            var more = incident.Severity is { } current ? policy.Severities.Where(l => l.IsMoreSevereThan(current)).ToArray() : [];
            if (more.Length == 0 || incident.Status is not (IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating or IncidentStatus.Mitigated))
            {
                return true.Classify(true, "no more severe level, or not open");
            }

            var now = incident.LastEventAt + Duration.FromMinutes(minutes);
            var level = more[choice % more.Length];
            var actor = new Actor("lead-1", policy.Roles.Select(r => r.Id));
            var raised = incident.Apply(new ChangeSeverity(level.Id, "Raised by a property"), actor, now, incident.Version);
            if (!raised.IsAccepted)
            {
                return true.Classify(true, "severity change not permitted");
            }

            var facts = raised.Incident!.ToFacts();
            var after = evaluate(raised.Incident, now);
            var pendingBefore = evaluate(incident, now).Obligations.Where(o => o.Kind == ObligationKind.Escalate && o.State == ObligationState.Pending).ToList();
            foreach (var pending in pendingBefore)
            {
                var stopped = policy.Escalation.Policies.Any(p => pending.RuleId == "escalation." + p.Id && p.HasStopped(facts));
                if (!stopped && after.Obligations.FirstOrDefault(o => o.Key == pending.Key) is { State: ObligationState.Cancelled } cancelled)
                {
                    return false.Label($"raising {incident.SeverityId} to {level.Id} at {TextFormats.Format(now)} cancelled {cancelled}\n{history}");
                }
            }

            return true.Classify(pendingBefore.Count > 0, "raised with escalations pending").Classify(pendingBefore.Count == 0, "raised, nothing pending");
        });

    /// <summary>Each target of a more severe level is no later than the next level's, for users who want a monotone
    /// scale: for alerts at any instant of 2025–2028, every deadline the less severe of two adjacent levels sets
    /// (acknowledge, respond per role, declare, assign commander, first status-page update) is set at least as early by
    /// the more severe one.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property MoreSevereIsNoSlower(ResponsePolicy policy)
    {
        Require(policy);
        var levels = policy.Severities.OrderBy(l => l.Rank).ToArray();
        return Prop.ForAll(IncidentGen.Instants.ToArbitrary(), alertAt =>
        {
            for (var i = 0; i + 1 < levels.Length; i++)
            {
                var severe = Earliest(levels[i].Deadlines(alertAt, policy.Calendar));
                foreach (var (kind, due) in Earliest(levels[i + 1].Deadlines(alertAt, policy.Calendar)))
                {
                    if (!severe.TryGetValue(kind, out var severeDue) || severeDue > due)
                    {
                        var shown = severe.TryGetValue(kind, out var d) ? TextFormats.Format(d) : "never";
                        return false.Label(
                            $"for an alert at {TextFormats.Format(alertAt)}, {levels[i].Id} sets {kind} by {shown} but {levels[i + 1].Id} by {TextFormats.Format(due)}");
                    }
                }
            }

            return true.ToProperty();
        });
    }

    /// <summary>The policy round-trips through JSON: <see cref="PolicyJson.Serialize"/> then
    /// <see cref="PolicyJson.Parse(string)"/> gives a policy with the same JSON, content hash and deadlines for alerts at any
    /// instant.</summary>
    /// <param name="policy">Your policy.</param>
    /// <returns>The property.</returns>
    public static Property RoundTripsThroughJson(ResponsePolicy policy) => RoundTripsThroughJson(Require(policy), PolicyJson.Serialize);

    internal static Property RoundTripsThroughJson(ResponsePolicy policy, Func<ResponsePolicy, string> serialize)
    {
        var json = serialize(policy);
        return Prop.ForAll(IncidentGen.Instants.ToArbitrary(), alertAt =>
        {
            var parsed = PolicyJson.Parse(json);
            var again = serialize(parsed);
            var sameDeadlines = policy.Severities.All(l =>
                parsed.Deadlines(l.Id, alertAt).SequenceEqual(policy.Deadlines(l.Id, alertAt)));
            return (again == json && parsed.ContentHash == policy.ContentHash && sameDeadlines)
                .Label(again == json ? $"deadlines for an alert at {TextFormats.Format(alertAt)} differ after the round trip" : $"JSON differs after the round trip:\n{json}\n----\n{again}");
        });
    }

    private static Dictionary<string, Instant> Earliest(IEnumerable<Severities.Deadline> deadlines)
    {
        var earliest = new Dictionary<string, Instant>(StringComparer.Ordinal);
        foreach (var deadline in deadlines)
        {
            var key = deadline.KindName;
            earliest[key] = earliest.TryGetValue(key, out var seen) && seen < deadline.DueAt ? seen : deadline.DueAt;
        }

        return earliest;
    }

    private static ResponsePolicy Require(ResponsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy;
    }
}
