using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using IncidentPolicy.Severities;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Testing.Tests;

/// <summary>Each ready-made property holds for the default policy and fails — with the counterexample in the
/// message — on a broken policy or, where no valid policy can break it, on broken answers.</summary>
public sealed class PolicyPropertiesTests(ITestOutputHelper output)
{
    private static readonly ResponsePolicy Default = ResponsePolicy.Default;
    private static readonly Arbitrary<IncidentHistory> Histories = IncidentArbitraries.Histories(Default);
    private static readonly Evaluator Real = Evaluator.Of(Default);

    private static void Holds(Property property, int maxTest = 200) => property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    private static string Fails(Property property, int maxTest = 200) =>
        Assert.ThrowsAny<Exception>(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest))).Message;

    [Fact]
    public void CommanderAssignedBeforeResolve_DefaultPolicy_Holds() => Holds(PolicyProperties.CommanderAssignedBeforeResolve(Default));

    [Fact]
    public void CommanderAssignedBeforeResolve_LogResolvedWithoutCommander_IsFound()
    {
        var at = Instant.FromUtc(2026, 5, 29, 4, 2);
        IncidentEvent[] log =
        [
            new AlertFired(at, "monitoring", "Checkout errors", "checkout", "SEV-1", null),
            new Declared(at + Duration.FromMinutes(3), "alex", "SEV-1", "Checkout errors"),
            new Resolved(at + Duration.FromMinutes(40), "alex", "fixed"),
        ];

        var problem = PolicyProperties.ResolveWithoutCommander(Default, "INC-1", log);

        Assert.Equal("resolved at 2026-05-29T04:42:00Z by alex as SEV-1 without an Incident Commander", problem);
        Assert.Null(PolicyProperties.ResolveWithoutCommander(Default, "INC-1", [log[0], log[1], new CommanderAssigned(at + Duration.FromMinutes(5), "alex", "sarah"), log[2]]));
    }

    [Fact]
    public void ObligationsAreDueNoEarlierThanTheirTrigger_DefaultPolicy_Holds() =>
        Holds(PolicyProperties.ObligationsAreDueNoEarlierThanTheirTrigger(Default));

    [Fact]
    public void ObligationsAreDueNoEarlierThanTheirTrigger_DueBeforeTheAlert_Fails()
    {
        PolicyAnswer Early(Incident incident, Instant now)
        {
            var answer = Real(incident, now);
            return answer with { Obligations = answer.Obligations.Select(o => o with { DueAt = incident.AlertAt - Duration.FromMinutes(1) }).ToList() };
        }

        var message = Fails(PolicyProperties.ObligationsAreDueNoEarlierThanTheirTrigger(Histories, Early));

        Assert.Contains("is due before its trigger", message, StringComparison.Ordinal);
        Assert.Contains("incident INC-GENERATED-1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NextWakeUpIsNeverInThePast_DefaultPolicy_Holds() => Holds(PolicyProperties.NextWakeUpIsNeverInThePast(Default));

    [Fact]
    public void NextWakeUpIsNeverInThePast_WakeUpInThePast_Fails()
    {
        var message = Fails(PolicyProperties.NextWakeUpIsNeverInThePast(Histories, (incident, now) => Real(incident, now) with { NextWakeUp = now - Duration.FromMinutes(1) }));

        Assert.Contains("next wake-up", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationTerminates_DefaultPolicy_Holds() => Holds(PolicyProperties.EscalationTerminates(Default), 100);

    [Fact]
    public void EscalationTerminates_WakingEveryMinuteForever_Fails()
    {
        var message = Fails(PolicyProperties.EscalationTerminates(Histories, (_, now) => new PolicyAnswer([], now + Duration.FromMinutes(1))), 20);

        Assert.Contains("wake-ups within", message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationTerminates_EndlessEscalations_Fails()
    {
        PolicyAnswer Endless(Incident incident, Instant now) => new(
            Enumerable.Range(1, 5000).Select(n => new Obligation($"escalate:flood#{n}", ObligationKind.Escalate, incident.AlertAt, ObligationState.Overdue, null, null, null, "escalation.flood", "page everyone")).ToList(),
            null);

        var message = Fails(PolicyProperties.EscalationTerminates(Histories, Endless), 20);

        Assert.Contains("5000 escalations", message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaisingSeverityKeepsPendingEscalations_DefaultPolicy_Holds() =>
        Holds(PolicyProperties.RaisingSeverityKeepsPendingEscalations(Default), 300);

    [Fact]
    public void RaisingSeverityKeepsPendingEscalations_ChangeCancellingEscalations_Fails()
    {
        PolicyAnswer Cancelling(Incident incident, Instant now)
        {
            var answer = Real(incident, now);
            return incident.Events[^1] is not SeverityChanged
                ? answer
                : answer with { Obligations = answer.Obligations.Select(o => o.Kind == ObligationKind.Escalate && o.State == ObligationState.Pending ? o with { State = ObligationState.Cancelled, CancelledAt = now } : o).ToList() };
        }

        var message = Fails(PolicyProperties.RaisingSeverityKeepsPendingEscalations(Histories, Cancelling), 1000);

        output.WriteLine(message);
        Assert.Contains("cancelled escalate:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreSevereIsNoSlower_DefaultPolicy_Holds() => Holds(PolicyProperties.MoreSevereIsNoSlower(Default), 500);

    [Fact]
    public void MoreSevereIsNoSlower_Sev1RespondSlowerThanSev2_Fails()
    {
        var sev1 = Default.Severities.Find("SEV-1")!;
        var slow = new SeverityLevel(
            sev1.Id, sev1.Rank, sev1.Name, sev1.Description, sev1.Examples, sev1.RolesInvolved, sev1.AcknowledgementTarget,
            ResponseTarget.WallClock(Duration.FromMinutes(45)), sev1.DeclarationTimeLimit, sev1.CommanderAssignmentTimeLimit, sev1.StatusUpdates, sev1.PostMortem);
        var broken = Default.WithSeverities(new SeverityScale(Default.Severities.Select(l => l.Id == "SEV-1" ? slow : l)));

        var message = Fails(PolicyProperties.MoreSevereIsNoSlower(broken));

        Assert.Contains("SEV-1 sets respond by", message, StringComparison.Ordinal);
        Assert.Contains("but SEV-2 by", message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTripsThroughJson_DefaultPolicy_Holds() => Holds(PolicyProperties.RoundTripsThroughJson(Default), 50);

    [Fact]
    public void RoundTripsThroughJson_GeneratedPolicies_Hold() =>
        Prop.ForAll(IncidentArbitraries.ResponsePolicy(), policy => PolicyProperties.RoundTripsThroughJson(policy))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(50));

    [Fact]
    public void RoundTripsThroughJson_WriterThatLosesATarget_Fails()
    {
        var message = Fails(PolicyProperties.RoundTripsThroughJson(Default, p => PolicyJson.Serialize(p).Replace("\"PT15M\"", "\"PT16M\"", StringComparison.Ordinal)));

        Assert.Contains("differ after the round trip", message, StringComparison.Ordinal);
    }
}
