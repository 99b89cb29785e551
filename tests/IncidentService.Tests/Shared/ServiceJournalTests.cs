using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Tests.Shared;

public sealed class ServiceJournalTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 5, 29, 14, 0);

    private static DeliveryRecord Attempt(string key, int attempt, bool delivered, string webhook = "pager") =>
        new(At + Duration.FromSeconds(attempt), "INC-1", key, webhook, attempt, delivered, delivered ? null : "503 from the webhook");

    [Fact]
    public void RecordDelivery_FailedThenDelivered_ShownWhileFailingThenForgotten()
    {
        var journal = new ServiceJournal();

        journal.RecordDelivery(Attempt("ack.sev-1", 1, delivered: false));
        journal.RecordDelivery(Attempt("ack.sev-1", 2, delivered: false));
        journal.RecordDelivery(Attempt("ack.sev-1", 1, delivered: false, webhook: "slack"));

        Assert.Equal([(2, "pager"), (1, "slack")], journal.FailedDeliveries().Select(d => (d.Attempt, d.Webhook)).OrderBy(d => d.Webhook));
        journal.RecordDelivery(Attempt("ack.sev-1", 3, delivered: true));
        Assert.Equal("slack", Assert.Single(journal.FailedDeliveries()).Webhook);
        Assert.Equal(1, journal.KeptDeliveries);
    }

    [Fact]
    public void RecordDelivery_ManyDelivered_NothingKept()
    {
        var journal = new ServiceJournal();

        for (var i = 0; i < 10_000; i++)
        {
            journal.RecordDelivery(Attempt($"page.{i}", 1, delivered: true));
        }

        Assert.Equal(0, journal.KeptDeliveries);
        Assert.Empty(journal.FailedDeliveries());
    }

    [Fact]
    public void RecordIntake_KeepsTheNewest1000_NewestFirst()
    {
        var journal = new ServiceJournal();

        for (var i = 0; i < 1_200; i++)
        {
            journal.RecordIntake(new IntakeRecord(At + Duration.FromSeconds(i), "pagerduty", $"k{i}", null, true, null));
        }

        Assert.Equal("k1199", journal.RecentIntakes(1)[0].DedupKey);
        Assert.Equal(1_000, journal.RecentIntakes(5_000).Count);
        Assert.Equal("k200", journal.RecentIntakes(5_000)[^1].DedupKey);
    }
}
