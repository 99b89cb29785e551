using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Testing;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

public class EvaluatePropertyTests
{
    internal static Incident Drive(CommandStep[] steps)
    {
        var incident = IncidentFixture.Raised("SEV-1");
        var now = IncidentFixture.AlertAt;
        foreach (var (command, actor, minutes, _) in steps)
        {
            now += Duration.FromMinutes(Math.Abs(minutes));
            var result = incident.Apply(command, actor, now, incident.Version);
            if (result.IsAccepted)
            {
                incident = result.Incident;
            }
        }

        return incident;
    }

    private static readonly Gen<(Incident Incident, Instant Now)> Cases =
        from steps in IncidentGen.CommandSequences
        from offset in Gen.Choose(0, 9000)
        let incident = Drive(steps)
        // Evaluated at or after the last event: NextWakeUp speaks of a world without new events.
        select (incident, Instant.Max(incident.LastEventAt, incident.AlertAt + Duration.FromMinutes(offset)));

    [Property(MaxTest = 200)]
    public Property NextWakeUp_IsAfterNow_AndStatesHoldUntilThen() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var evaluation = ResponsePolicy.Default.Evaluate(c.Incident, c.Now);
            if (evaluation.NextWakeUp is not { } wake)
            {
                return evaluation.Obligations.All(o => o.State != ObligationState.Pending);
            }

            // What a host sees: each obligation's state and whether it is due to be acted on.
            static IEnumerable<(string, ObligationState, bool)> View(Evaluation e) => e.Obligations.Select(o => (o.Key, o.State, o.IsDue(e.EvaluatedAt)));
            var justBefore = ResponsePolicy.Default.Evaluate(c.Incident, wake - Duration.Epsilon);
            var atWake = ResponsePolicy.Default.Evaluate(c.Incident, wake);
            return wake > c.Now
                && View(evaluation).SequenceEqual(View(justBefore))
                && !View(evaluation).SequenceEqual(View(atWake));
        });

    [Property(MaxTest = 200)]
    public Property Evaluate_KeysUnique_OrderedAndDueNoEarlierThanAlert() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var obligations = ResponsePolicy.Default.Evaluate(c.Incident, c.Now).Obligations;
            return obligations.Select(o => o.Key).Distinct().Count() == obligations.Count
                && obligations.Zip(obligations.Skip(1)).All(p => p.First.DueAt < p.Second.DueAt
                    || (p.First.DueAt == p.Second.DueAt && string.CompareOrdinal(p.First.Key, p.Second.Key) < 0))
                && obligations.All(o => o.DueAt >= c.Incident.AlertAt)
                && obligations.All(o => (o.State is ObligationState.Met or ObligationState.MetLate) == o.MetAt.HasValue)
                && obligations.All(o => (o.State is ObligationState.MetLate or ObligationState.Overdue) == o.LateBy.HasValue);
        });

    [Property(MaxTest = 200)]
    public Property Evaluate_LaterEventsNeverUnmeetAnObligation() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var incident = c.Incident;
            var before = ResponsePolicy.Default.Evaluate(incident, incident.LastEventAt);
            var prefix = Incident.Replay(incident.Policy, incident.Id, incident.Events.Take(Math.Max(1, incident.Version / 2)));
            var earlier = ResponsePolicy.Default.Evaluate(prefix, incident.LastEventAt);
            return earlier.Obligations
                .Where(o => o.State is ObligationState.Met or ObligationState.MetLate)
                .All(o => before.Find(o.Key) is { State: ObligationState.Met or ObligationState.MetLate } now && now.MetAt == o.MetAt);
        });

    private static readonly Gen<(string From, string To, int Minutes, bool Flag)> SeverityChanges =
        from initial in Gen.Elements("SEV-1", "SEV-2", "SEV-3", "SEV-4")
        from target in Gen.Elements("SEV-1", "SEV-2", "SEV-3", "SEV-4").Where(t => t != initial)
        from minutes in Gen.Choose(1, 120)
        from flag in Gen.Elements(true, false)
        select (initial, target, minutes, flag);

    [Property(MaxTest = 200)]
    public Property SeverityChange_TargetsOfNewSeverityDueNoLaterThanChangePlusTarget_EscalationsKept() =>
        Prop.ForAll(SeverityChanges.ToArbitrary(), c =>
        {
            var policy = ResponsePolicy.Default;
            var incident = IncidentFixture.Raised(c.From);
            if (c.Flag)
            {
                incident = incident.Then(new RaiseFlag("dataBreachSuspected"), IncidentFixture.Monitoring, 0);
            }

            var changeAt = IncidentFixture.At(c.Minutes);
            var before = policy.Evaluate(incident, changeAt - Duration.Epsilon);
            var changed = incident.Apply(new ChangeSeverity(c.To), IncidentFixture.Manager, changeAt, incident.Version).Incident!;
            var after = policy.Evaluate(changed, changeAt);
            var level = policy.Severities.Find(c.To)!;

            bool DueBy(ObligationKind kind, string? role, Instant limit) =>
                after.Obligations.Any(o => o.Kind == kind && (role is null || o.Key.StartsWith($"respond:{role}", StringComparison.Ordinal))
                    && o.State != ObligationState.Cancelled && o.DueAt <= limit);

            var targetsPlanned =
                DueBy(ObligationKind.Acknowledge, null, level.AcknowledgementTarget.DueAfter(changeAt, policy.Calendar)!.Value)
                && level.RolesInvolved.All(r => DueBy(ObligationKind.Respond, r, level.ResponseTarget.DueAfter(changeAt, policy.Calendar)!.Value))
                && (level.DeclarationTimeLimit is not { } d || DueBy(ObligationKind.Declare, null, changeAt + d))
                && (level.CommanderAssignmentTimeLimit is not { } a || DueBy(ObligationKind.AssignCommander, null, changeAt + a))
                && (level.StatusUpdates.FirstWithin is not { } f || DueBy(ObligationKind.FirstExternalUpdate, null, changeAt + f));

            // A pending escalation whose rule still holds is never cancelled by the change.
            var escalationsKept = before.Obligations
                .Where(o => o.Kind == ObligationKind.Escalate && o.State == ObligationState.Pending && o.Key.StartsWith("escalate:notify-security-team", StringComparison.Ordinal))
                .All(o => after.Find(o.Key) is { State: not ObligationState.Cancelled });
            return targetsPlanned && escalationsKept;
        });
}
