using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Escalation;
using IncidentPolicy.Obligations;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// After an event the engine looks again only at the rules and escalation policies whose conditions read a fact the
/// event changed, and at a time point only at those that change with time. These show that skipping the others never
/// changes an answer: against the plain fold (<see cref="ObligationFold"/>), which looks at every rule and policy after
/// every event, under generated escalation sections (conditions over every leaf kind, both stop conditions, repeats)
/// and generated histories.
/// </summary>
public class EscalationChecksTests
{
    private static readonly string[] RoleIds = ResponsePolicy.Default.Roles.Select(r => r.Id).ToArray();
    private static readonly string[] SeverityIds = ResponsePolicy.Default.Severities.Select(s => s.Id).ToArray();

    /// <summary>Generated escalation sections and histories, with minute offsets for evaluation instants; shared with
    /// <see cref="OpenSlotsTests"/>.</summary>
    internal static readonly Gen<(IncidentHistory History, int[] Offsets)> Cases =
        from escalation in IncidentGen.EscalationSections(RoleIds, SeverityIds)
        from history in IncidentGen.Histories(ResponsePolicy.Default.WithEscalation(escalation))
        from offsets in Gen.Choose(-600, 20_000).ArrayOf()
        select (history, offsets);

    internal static bool Same(Evaluation a, Evaluation b) =>
        a.Obligations.SequenceEqual(b.Obligations) && a.NextWakeUp == b.NextWakeUp;

    [Property(MaxTest = 300)]
    public Property SkippingRulesWhoseFactsDidNotChange_ChangesNoEvaluation() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var (history, offsets) = c;
            var incident = history.Incident;
            var policy = history.Policy;
            var instants = incident.Events.Select(e => e.At)
                .Concat(offsets.Select(m => incident.LastEventAt + Duration.FromMinutes(m)))
                .Concat(offsets.Select(m => incident.AlertAt + Duration.FromMinutes(m)));
            return instants.All(now => Same(policy.Evaluate(incident, now), ObligationFold.Evaluate(policy, incident, now)));
        });

    [Fact]
    public void WhatConditionsRead_IsTheUnionOfTheirLeaves()
    {
        Assert.Equal(FactReads.Severity | FactReads.Alert | FactReads.Status, FactReadsOf.Condition(ResponsePolicy.Default.Escalation.Rules[0].When));
        Assert.Equal(FactReads.Impacts, FactReadsOf.Condition(Condition.Not(Condition.ImpactBelow("users", 10))));
        Assert.Equal(FactReads.Flags | FactReads.Impacts, FactReadsOf.Condition(Condition.Any(Condition.FlagRaised("x"), Condition.ImpactAbove("users", 10))));
        Assert.Equal(FactReads.LastUpdate | FactReads.Alert, FactReadsOf.Condition(Condition.ElapsedSince(ElapsedAnchor.LastUpdate, Duration.FromMinutes(30))));
        Assert.Equal(FactReads.Acknowledged, FactReadsOf.Condition(Condition.ElapsedSince(ElapsedAnchor.Acknowledged, Duration.Zero)));
        Assert.Equal(FactReads.Declared, FactReadsOf.Condition(Condition.ElapsedSince(ElapsedAnchor.Declared, Duration.Zero)));
        Assert.Equal(FactReads.Resolved, FactReadsOf.Condition(Condition.ElapsedSince(ElapsedAnchor.Resolved, Duration.Zero)));
        Assert.Equal(FactReads.Acknowledged | FactReads.Status, FactReadsOf.Stop(EscalationStop.Acknowledged));
        Assert.Equal(FactReads.Status, FactReadsOf.Stop(EscalationStop.Resolved));
    }

    [Fact]
    public void AStatusUpdate_IsNotAChangeTheDefaultEscalationLooksAt_ButAnAcknowledgementIs()
    {
        var texts = ObligationTexts.For(ResponsePolicy.Default);
        Assert.Equal(FactReads.None, texts.EscalationReads & FactReads.LastUpdate);
        Assert.NotEqual(FactReads.None, texts.EscalationReads & FactReads.Acknowledged);
        Assert.Equal(FactReads.Severity | FactReads.Alert | FactReads.Status, texts.TimedReads);
    }
}
