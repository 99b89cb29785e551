using IncidentPolicy.Escalation;
using IncidentPolicy.OnCall;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

// Coverage warnings: what a policy allows but that leaves an alert with nobody to handle it.
public sealed partial class ResponsePolicy
{
    /// <summary>How far ahead the schedule check of <see cref="Warnings"/> and <see cref="WarningsFrom"/> looks for
    /// stretches with nobody on call: 90 days.</summary>
    public static Duration CoverageHorizon { get; } = Duration.FromDays(90);

    /// <summary>
    /// <see cref="Warnings"/>, with the schedules checked for stretches with nobody on call in the
    /// <see cref="CoverageHorizon"/> (90 days) from <paramref name="from"/> rather than from the earliest rotation start.
    /// The library never reads the clock: a host or the CLI (<c>validate --at</c>) passes the instant to check from.
    /// </summary>
    /// <param name="from">Where the schedule check starts; within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The warnings, each with a JSON path and a reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is outside the supported range.</exception>
    public IReadOnlyList<PolicyProblem> WarningsFrom(Instant from)
    {
        TimeMath.CheckInput(from, nameof(from));
        return ComputeWarnings(from);
    }

    /// <summary>The earliest instant a rotation of the policy starts (each rotation's local start in its zone); the
    /// schedule check of <see cref="Warnings"/> starts there. <see langword="null"/> when the policy has no schedules.</summary>
    internal Instant? EarliestRotationStart =>
        Schedules.SelectMany(s => s.Layers.Select(l => (Instant?)l.Rotation.Start.InZoneLeniently(l.Rotation.TimeZone ?? s.TimeZone).ToInstant())).Min();

    private IReadOnlyList<PolicyProblem> ComputeWarnings(Instant? gapsFrom)
    {
        // All warnings are worked out here, on first read, not when the policy is built: the ordering check alone
        // computes due instants for hundreds of sample alerts, and most policies are built and used without asking.
        var warnings = new List<PolicyProblem>();
        warnings.AddRange(Severities.Warnings.Select(w => w with { Path = "$.severities" + w.Path }));
        warnings.AddRange(Severities.TargetOrderWarnings(Calendar).Select(w => w with { Path = "$.severities" + w.Path }));
        AddOnCallWarnings(warnings);
        AddPagingWarnings(warnings);
        AddCommanderWarnings(warnings);
        if (gapsFrom is { } from)
        {
            AddGapWarnings(warnings, from);
        }

        AddPermissionWarnings(warnings);
        return warnings.AsReadOnly();
    }

    /// <summary>
    /// A level whose acknowledgement or response target runs around the clock (<see cref="ResponseClock.WallClock"/>)
    /// is due at 3 AM too, when nobody watches a queue: some escalation policy or rule that applies to a fresh alert of
    /// that level must page a person, a schedule, or a role a schedule staffs. Targets in business hours or by the next
    /// business day fall in working time and need no page.
    /// </summary>
    private void AddPagingWarnings(List<PolicyProblem> warnings)
    {
        for (var i = 0; i < Severities.Count; i++)
        {
            var level = Severities[i];
            var target = level.AcknowledgementTarget.Clock == ResponseClock.WallClock ? ("acknowledged", level.AcknowledgementTarget)
                : level.ResponseTarget.Clock == ResponseClock.WallClock ? ("responded to", level.ResponseTarget)
                : default;
            if (target == default)
            {
                continue;
            }

            var applying = Escalation.Policies.Where(p => MayHold(p.AppliesTo, level)).SelectMany(p => p.Levels.SelectMany(l => l.Targets))
                .Concat(Escalation.Rules.Where(r => MayHold(r.When, level)).Select(r => r.Target))
                .ToList();
            if (applying.Any(ReachesPerson))
            {
                continue;
            }

            var unstaffed = applying.Where(t => t.Kind == EscalationTargetKind.Role).Select(t => t.Id).Distinct(StringComparer.Ordinal).ToList();
            var why = unstaffed.Count == 0
                ? "no escalation policy or rule pages anyone for it"
                : $"the escalation for it pages only {(unstaffed.Count == 1 ? "the role" : "the roles")} {string.Join(", ", unstaffed)}, which no schedule staffs";
            warnings.Add(new PolicyProblem(
                $"$.severities[{Severities.SourceIndex[i]}]",
                $"{level.Id} must be {target.Item1} within {target.Item2} around the clock, but {why}: add an escalation policy or rule "
                + $"that applies to {level.Id} and pages a person, a schedule, or a role a schedule staffs"));
        }
    }

    /// <summary>Whether a condition holds, at some time, for a fresh alert of <paramref name="level"/> that nobody has
    /// touched: no acknowledgement, declaration, update, impact figure or flag, as time passes.</summary>
    private bool MayHold(Condition condition, SeverityLevel level)
    {
        var alertAt = Limits.MinInstant;
        var facts = new IncidentFacts(Severities, IncidentStatus.Triggered, alertAt, level);
        Instant? at = alertAt;
        for (var step = 0; step < 64 && at is { } t; step++)
        {
            if (condition.HoldsAt(facts, t))
            {
                return true;
            }

            at = condition.NextChange(facts, t);
        }

        return false;
    }

    private bool ReachesPerson(EscalationTarget target) => target.Kind switch
    {
        EscalationTargetKind.Person => FindPerson(target.Id) is not null,
        EscalationTargetKind.Schedule => FindSchedule(target.Id) is not null,
        _ => SchedulesFor(target.Id).Count > 0,
    };

    /// <summary>A level that requires an Incident Commander needs someone to take command: an
    /// <c>incident-commander</c> schedule, or people tagged <see cref="Person.SeniorTag"/> ("Any senior+ engineer can
    /// be IC").</summary>
    private void AddCommanderWarnings(List<PolicyProblem> warnings)
    {
        if (SchedulesFor(LifecycleRules.CommanderRole).Count > 0 || People.Any(p => p.HasTag(Person.SeniorTag)))
        {
            return;
        }

        for (var i = 0; i < Severities.Count; i++)
        {
            if (Severities[i] is { RequiresCommander: true } level)
            {
                warnings.Add(new PolicyProblem(
                    $"$.severities[{Severities.SourceIndex[i]}].assignCommanderWithin",
                    $"{level.Id} requires an Incident Commander within {HumanText.Describe(level.CommanderAssignmentTimeLimit!.Value)}, but no schedule "
                    + $"staffs {LifecycleRules.CommanderRole} and nobody is tagged '{Person.SeniorTag}': add an {LifecycleRules.CommanderRole} "
                    + $"schedule, or people tagged '{Person.SeniorTag}' who can take command"));
            }
        }
    }

    private void AddGapWarnings(List<PolicyProblem> warnings, Instant from)
    {
        var to = from + CoverageHorizon > Limits.MaxInstant ? Limits.MaxInstant : from + CoverageHorizon;
        for (var i = 0; i < Schedules.Count; i++)
        {
            var gaps = Schedules[i].Gaps(from, to);
            if (gaps.Count == 0)
            {
                continue;
            }

            var first = gaps[0];
            var total = gaps.Aggregate(Duration.Zero, (sum, g) => sum + g.Length);
            var why = first.UnavailablePersonId is { } person ? $", when {person} is unavailable" : "";
            warnings.Add(new PolicyProblem(
                $"$.schedules[{i}]",
                $"schedule {Schedules[i].Id} has nobody on call {(gaps.Count == 1 ? "once" : $"{gaps.Count} times")} in the {CoverageHorizon.Days} days "
                + $"from {IsoText.FormatInstant(from)}, {HumanText.Describe(total)} in all; the first from {IsoText.FormatInstant(first.Start)} "
                + $"to {IsoText.FormatInstant(first.End)}{why}"));
        }
    }

    private void AddPermissionWarnings(List<PolicyProblem> warnings)
    {
        foreach (var command in Lifecycle.Permissions.CommandsNobodyMayIssue())
        {
            var name = HumanText.CamelCase(command);
            warnings.Add(new PolicyProblem(
                $"$.lifecycle.permissions.{name}",
                $"nobody may {HumanText.Words(name)}: name the roles that may, or [\"*\"] for anyone"));
        }
    }
}
