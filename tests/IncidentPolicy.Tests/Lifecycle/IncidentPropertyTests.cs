using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Testing;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

public class IncidentPropertyTests
{
    /// <summary>Drives an incident through a random sequence, checking the invariants after every step.</summary>
    private static bool Drive(CommandStep[] steps, Func<Incident, ApplyResult, bool> check, out Incident last)
    {
        last = IncidentFixture.Raised();
        var now = IncidentFixture.AlertAt;
        foreach (var (command, actor, minutes, stale) in steps)
        {
            now += Duration.FromMinutes(minutes);
            var before = last;
            var result = before.Apply(command, actor, now, stale ? before.Version - 1 : before.Version);
            if (!check(before, result))
            {
                return false;
            }

            if (result.IsAccepted)
            {
                last = result.Incident;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public Property Apply_RandomCommands_NeverThrowAndKeepStateDefined() =>
        Prop.ForAll(IncidentGen.CommandSequences.ToArbitrary(), steps =>
            Drive(steps, (before, result) => result.Outcome switch
            {
                ApplyOutcome.Accepted => result.Incident!.Version == before.Version + 1
                    && result.Incident.Events.Count == result.Incident.Version
                    && ReferenceEquals(result.Incident.Events[^1], result.Event)
                    && Enum.IsDefined(result.Incident.Status)
                    && result.Incident.LastEventAt >= before.LastEventAt,
                ApplyOutcome.Rejected => ReferenceEquals(result.Incident, before) && result.Rejection is not null
                    && result.Rejection.Reason.Length > 0 && result.Rejection.RuleId.Length > 0,
                _ => ReferenceEquals(result.Incident, before) && result.ExpectedVersion != before.Version,
            }, out _));

    [Property(MaxTest = 300)]
    public Property Replay_AcceptedEvents_EqualsLiveIncident() =>
        Prop.ForAll(IncidentGen.CommandSequences.ToArbitrary(), steps =>
        {
            Drive(steps, (_, _) => true, out var live);
            var replayed = Incident.Replay(live.Policy, live.Id, live.Events);
            var lenient = Incident.ReplayLenient(live.Policy, live.Id, live.Events);
            return replayed.Equals(live)
                && replayed.ToString() == live.ToString()
                && replayed.Status == live.Status
                && replayed.ActionItems.SequenceEqual(live.ActionItems)
                && replayed.Impacts.SequenceEqual(live.Impacts)
                && replayed.RoleAssignments.SequenceEqual(live.RoleAssignments)
                && lenient.Incident.Equals(live)
                && lenient.Incident.Status == live.Status
                && lenient.Violations.All(v => v.RuleId == RuleIds.ResolveByCommander);
        });

    [Property(MaxTest = 300)]
    public Property Rejected_LeavesIncidentUnchanged() =>
        Prop.ForAll(IncidentGen.CommandSequences.ToArbitrary(), steps =>
            Drive(steps, (before, result) =>
            {
                if (result.IsAccepted)
                {
                    return true;
                }

                var eventsBefore = before.Events.ToList();
                return ReferenceEquals(result.Incident, before) && before.Events.SequenceEqual(eventsBefore) && result.Event is null;
            }, out _));
}
