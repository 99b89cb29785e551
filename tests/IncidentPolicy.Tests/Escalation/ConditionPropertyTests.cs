using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Escalation;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Escalation;

public class ConditionPropertyTests
{
    private static readonly string[] SeverityIds = ["SEV-1", "SEV-2", "SEV-3", "SEV-4"];

    private static readonly Gen<(Condition Condition, IncidentFacts Facts, Instant After)> Cases =
        from condition in IncidentGen.Conditions(3, SeverityIds)
        from facts in IncidentGen.Facts
        from after in Gen.Choose(-10, 240).Select(m => IncidentGen.FactsAlert + Duration.FromMinutes(m))
        select (condition, facts, after);

    [Property(MaxTest = 500)]
    public Property NextChange_IsTheFirstMinuteTheAnswerChanges() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            // Every threshold is a whole minute after a whole-minute anchor, so scanning minutes finds the first change.
            var before = c.Condition.HoldsAt(c.Facts, c.After);
            Instant? firstChange = null;
            for (var t = c.After + Duration.FromMinutes(1); t <= c.After + Duration.FromMinutes(400); t += Duration.FromMinutes(1))
            {
                if (c.Condition.HoldsAt(c.Facts, t) != before)
                {
                    firstChange = t;
                    break;
                }
            }

            return c.Condition.NextChange(c.Facts, c.After) == firstChange;
        });

    [Property(MaxTest = 500)]
    public Property HoldsAt_ConstantBeforeNextChange_DiffersAtIt() =>
        Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(1, 999).ToArbitrary(), (c, permille) =>
        {
            var before = c.Condition.HoldsAt(c.Facts, c.After);
            var next = c.Condition.NextChange(c.Facts, c.After);
            if (next is not { } change)
            {
                return c.Condition.HoldsAt(c.Facts, c.After + Duration.Epsilon) == before
                    && c.Condition.HoldsAt(c.Facts, c.After + Duration.FromDays(3650)) == before;
            }

            var inside = c.After + ((change - c.After) * permille / 1000.0);
            return change > c.After
                && c.Condition.HoldsAt(c.Facts, change) != before
                && c.Condition.HoldsAt(c.Facts, c.After + Duration.Epsilon) == before
                && c.Condition.HoldsAt(c.Facts, change - Duration.Epsilon) == before
                && (inside <= c.After || inside >= change || c.Condition.HoldsAt(c.Facts, inside) == before);
        });

    [Property(MaxTest = 300)]
    public Property Not_HasTheSameChangesAsItsCondition() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
            Condition.Not(c.Condition).NextChange(c.Facts, c.After) == c.Condition.NextChange(c.Facts, c.After)
            && Condition.Not(c.Condition).HoldsAt(c.Facts, c.After) != c.Condition.HoldsAt(c.Facts, c.After));
}
