using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>Alert de-duplication as PagerDuty's Events API v2 does it: the opening alert's dedup key, alerts with it
/// joining the open incident, and the source clearing it — facts, none of which moves the incident.</summary>
public class AlertDedupTests
{
    private const string Key = "checkout/error-rate";

    private static Incident RaisedWithKey(string? key = Key) =>
        Accepted(Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("Checkout error rate > 5%", "checkout", null, key), Monitoring, AlertAt));

    [Fact]
    public void Raise_WithDedupKey_RecordsItOnTheEventAndTheIncident()
    {
        var incident = RaisedWithKey();
        Assert.Equal(Key, incident.DedupKey);
        Assert.Equal(Key, Assert.IsType<AlertFired>(incident.Events[0]).DedupKey);
        Assert.Equal(0, incident.JoinedAlerts);
        Assert.Null(incident.AlertClearedAt);
        Assert.Null(RaisedWithKey(null).DedupKey);
    }

    [Fact]
    public void JoinAlert_WithTheIncidentsKey_IsRecorded_AndChangesNeitherStatusNorDeadlines()
    {
        var incident = RaisedWithKey().Then(new Acknowledge(), Alex, 3);
        var before = ResponsePolicy.Default.Evaluate(incident, At(4));
        var joined = incident.Then(new JoinAlert("Checkout error rate > 8%", Key, "critical"), Monitoring, 4);
        Assert.Equal(new AlertJoined(At(4), "monitoring", "Checkout error rate > 8%", Key, "critical"), joined.Events[^1]);
        Assert.Equal(IncidentStatus.Acknowledged, joined.Status);
        Assert.Equal(1, joined.JoinedAlerts);
        Assert.Null(joined.SeverityId);
        var after = ResponsePolicy.Default.Evaluate(joined, At(4));
        Assert.Equal(before.Obligations.Select(o => (o.Key, o.DueAt)), after.Obligations.Select(o => (o.Key, o.DueAt)));
        Assert.Equal(before.NextWakeUp, after.NextWakeUp);
    }

    [Fact]
    public void JoinAlert_AnotherKey_IsRejectedByTheDedupKeyRule()
    {
        var rejection = Rejected(RaisedWithKey().Try(new JoinAlert("other", "payments/latency"), Monitoring, 4), RejectionCode.GuardFailed, RuleIds.DedupKeyMatches);
        Assert.Equal($"The dedup key 'payments/latency' is not the incident's; its alert came with '{Key}'.", rejection.Reason);
    }

    [Fact]
    public void JoinAlertOrClearAlert_IncidentWithoutKey_IsRejected()
    {
        var incident = RaisedWithKey(null);
        Rejected(incident.Try(new JoinAlert("again", Key), Monitoring, 4), RejectionCode.GuardFailed, RuleIds.DedupKeyMatches);
        var rejection = Rejected(incident.Try(new ClearAlert(Key), Monitoring, 4), RejectionCode.GuardFailed, RuleIds.DedupKeyMatches);
        Assert.Contains("has no dedup key", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.PostMortem)]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Declined)]
    [InlineData(IncidentStatus.Merged)]
    public void JoinAlert_IncidentNotOpen_IsAnInvalidTransition(IncidentStatus status)
    {
        var incident = InStatus(status);
        Rejected(incident.Apply(new JoinAlert("again", Key), Monitoring, incident.LastEventAt, incident.Version), RejectionCode.InvalidTransition, RuleIds.Transition);
    }

    [Theory]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Declined)]
    [InlineData(IncidentStatus.Merged)]
    public void ClearAlert_IncidentClosedDeclinedOrMerged_IsAnInvalidTransition(IncidentStatus status)
    {
        var incident = InStatus(status);
        Rejected(incident.Apply(new ClearAlert(Key), Monitoring, incident.LastEventAt, incident.Version), RejectionCode.InvalidTransition, RuleIds.Transition);
    }

    [Fact]
    public void ClearAlert_IsRecorded_DoesNotResolve_AndAJoinAfterItMeansFiringAgain()
    {
        var cleared = RaisedWithKey().Then(new Acknowledge(), Alex, 3).Then(new ClearAlert(Key), Monitoring, 9);
        Assert.Equal(At(9), cleared.AlertClearedAt);
        Assert.Equal(IncidentStatus.Acknowledged, cleared.Status);
        Assert.Null(cleared.ResolvedAt);
        var firingAgain = cleared.Then(new JoinAlert("back", Key), Monitoring, 12);
        Assert.Null(firingAgain.AlertClearedAt);
        Assert.Equal(1, firingAgain.JoinedAlerts);
    }

    [Fact]
    public void ClearAlert_AfterResolve_IsRecorded_AndTheIncidentStaysResolved()
    {
        var resolved = Resolved();
        var keyed = Incident.Replay(ResponsePolicy.Default, "INC-1",
            [((AlertFired)resolved.Events[0]) with { DedupKey = Key }, .. resolved.Events.Skip(1)]);
        var cleared = keyed.Then(new ClearAlert(Key), Monitoring, 50);
        Assert.Equal((IncidentStatus.Resolved, (NodaTime.Instant?)At(50)), (cleared.Status, cleared.AlertClearedAt));
    }

    [Fact]
    public void JoinAndClear_BlankKeyOrSummary_AreRejectedAsRequiredText()
    {
        var incident = RaisedWithKey();
        Rejected(incident.Try(new JoinAlert(" ", Key), Monitoring, 4), RejectionCode.InvalidCommand, RuleIds.TextRequired);
        Rejected(incident.Try(new JoinAlert("again", ""), Monitoring, 4), RejectionCode.InvalidCommand, RuleIds.TextRequired);
        Rejected(incident.Try(new ClearAlert(" "), Monitoring, 4), RejectionCode.InvalidCommand, RuleIds.TextRequired);
    }

    [Fact]
    public void DedupKey_LongerThan255OrWithControlCharacters_IsNotStorable()
    {
        var tooLong = new string('k', Limits.MaxDedupKeyLength + 1);
        var rejection = Rejected(
            Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("s", null, null, tooLong), Monitoring, AlertAt), RejectionCode.InvalidCommand, RuleIds.Storable);
        Assert.Equal("The dedup key is 256 characters long; at most 255 are allowed.", rejection.Reason);
        Assert.True(Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("s", null, null, tooLong[1..]), Monitoring, AlertAt).IsAccepted);
        var withBreak = Rejected(
            Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("s", null, null, "a\nb"), Monitoring, AlertAt), RejectionCode.InvalidCommand, RuleIds.Storable);
        Assert.Contains("The dedup key has the control character U+000A", withBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_LogWithJoinsAndClears_RebuildsTheSameIncident()
    {
        var incident = RaisedWithKey().Then(new JoinAlert("again", Key), Monitoring, 2).Then(new ClearAlert(Key), Monitoring, 9)
            .Then(new JoinAlert("and again", Key, "critical"), Monitoring, 11);
        var text = EventLogJson.SerializeLines(incident.Events);
        var replayed = Incident.Replay(ResponsePolicy.Default, "INC-1", EventLogJson.Parse(text).Events);
        Assert.Equal(incident, replayed);
        Assert.Equal((Key, 2, (NodaTime.Instant?)null), (replayed.DedupKey, replayed.JoinedAlerts, replayed.AlertClearedAt));
    }

    [Fact]
    public void Permissions_WhoeverMayRaiseAnAlertMayJoinAndClearOne()
    {
        var seed = ResponsePolicy.Default.Lifecycle.Permissions;
        Assert.Equal(seed.RolesFor(CommandKind.RaiseAlert), seed.RolesFor(CommandKind.JoinAlert));
        Assert.Equal(seed.RolesFor(CommandKind.RaiseAlert), seed.RolesFor(CommandKind.ClearAlert));
        Assert.True(RaisedWithKey().Try(new JoinAlert("again", Key), Outsider, 4).IsAccepted);
    }

    [Fact]
    public void IncidentJson_ListsTheDedupFacts()
    {
        var incident = RaisedWithKey().Then(new JoinAlert("again", Key), Monitoring, 2).Then(new ClearAlert(Key), Monitoring, 9);
        var json = IncidentJson.Serialize(ResponsePolicy.Default.Evaluate(incident, At(10)));
        Assert.Contains("\"mergedInto\": null,\n    \"dedupKey\": \"checkout/error-rate\",\n    \"joinedAlerts\": 1,\n    \"alertClearedAt\": \"2026-05-29T04:11:00Z\"\n  },", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_ShowsJoinedAndClearedAlerts()
    {
        var incident = RaisedWithKey().Then(new JoinAlert("Checkout error rate > 8%", Key), Monitoring, 2).Then(new ClearAlert(Key), Monitoring, 9);
        var phrases = IncidentPolicy.PostMortems.PostMortem.From(incident).Timeline.Select(e => e.Text).ToList();
        Assert.Contains("Alert fires again (checkout error rate > 8%)", phrases);
        Assert.Contains("Alert clears at its source", phrases);
    }
}
