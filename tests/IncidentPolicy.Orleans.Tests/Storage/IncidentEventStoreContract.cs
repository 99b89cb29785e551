using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Storage;

/// <summary>
/// What every <see cref="IIncidentEventStore"/> must do, run against each implementation by a subclass: logs read back
/// as appended, versions refused once stored, heads written with their event, the open list and its order, lookup by
/// dedup key, the ended list (bounds, order, limit), policies kept by hash.
/// </summary>
public abstract class IncidentEventStoreContract
{
    protected static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 14, 0);

    /// <summary>A new, empty store (the subclass cleans up what it made).</summary>
    protected abstract Task<IIncidentEventStore> NewStoreAsync();

    /// <summary>The incident's log as the store keeps it, as text.</summary>
    protected abstract Task<string> StoredLogTextAsync(IIncidentEventStore store, string incidentId);

    protected static IncidentEvent Alert(Instant at, string summary = "Checkout error rate above 5%") =>
        new AlertFired(at, "monitoring", summary, "checkout", "SEV-2", "sha256:policy");

    protected static IncidentHead Head(
        string id, int version, IncidentStatus status = IncidentStatus.Triggered, Instant? alertAt = null, string? dedupKey = null, Instant? lastAt = null) =>
        new(id, version, status, "SEV-2", "checkout", "Checkout error rate above 5%", version > 1 ? "Checkout down" : null,
            alertAt ?? T0, lastAt ?? (alertAt ?? T0) + Duration.FromMinutes(version - 1), "sha256:policy", dedupKey);

    /// <summary>Appends a whole log, one event per version, each with a head of the given status.</summary>
    protected static async Task AppendAllAsync(
        IIncidentEventStore store, string id, IReadOnlyList<IncidentEvent> events, IncidentStatus status = IncidentStatus.Triggered, Instant? alertAt = null, string? dedupKey = null)
    {
        for (var i = 0; i < events.Count; i++)
        {
            Assert.True(await store.AppendAsync(id, i, events[i], Head(id, i + 1, status, alertAt, dedupKey)), $"append of version {i + 1} of {id}");
        }
    }

    protected static IReadOnlyList<IncidentEvent> SampleLog(Instant? start = null)
    {
        var at = start ?? T0;
        return
        [
            Alert(at),
            new Acknowledged(at + Duration.FromMinutes(4), "alice"),
            new Declared(at + Duration.FromMinutes(6), "alice", "SEV-1", "Checkout down — “€47K/h” 😀"),
            new CommanderAssigned(at + Duration.FromMinutes(6), "alice", "bob"),
            new NotificationSent(at + Duration.FromMinutes(7) + Duration.FromNanoseconds(123_456_789), "incident-policy", "page:SEV-1:commander", "bob"),
            new ImpactRecorded(at + Duration.FromMinutes(9), "bob", "revenue", 47000.50m, "EUR/h"),
            new Mitigated(at + Duration.FromMinutes(30), "bob", "rolled back\nline two \"quoted\""),
        ];
    }

    [Fact]
    public async Task ReadAsync_UnknownIncident_ReturnsEmpty()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ReadAsync("INC-none"));
    }

    [Fact]
    public async Task AppendAsync_WholeLog_ReadsBackEqualInOrder()
    {
        var store = await NewStoreAsync();
        var events = SampleLog();

        await AppendAllAsync(store, "INC-1", events);

        Assert.Equal(events, await store.ReadAsync("INC-1"));
    }

    [Fact]
    public async Task AppendAsync_StoredLogText_IsAnEventLogJsonLinesLog()
    {
        var store = await NewStoreAsync();
        var events = SampleLog();
        await AppendAllAsync(store, "INC-1", events);

        var text = await StoredLogTextAsync(store, "INC-1");
        var contents = EventLogJson.Parse(text);

        Assert.Null(contents.IncidentId);
        Assert.Equal(events, contents.Events);
        Assert.Equal(EventLogJson.SerializeLines(events), text);
    }

    [Fact]
    public async Task AppendAsync_VersionAlreadyStored_ReturnsFalseAndKeepsTheFirst()
    {
        var store = await NewStoreAsync();
        var first = Alert(T0, "first");
        Assert.True(await store.AppendAsync("INC-1", 0, first, Head("INC-1", 1)));

        var second = await store.AppendAsync("INC-1", 0, Alert(T0, "second"), Head("INC-1", 1) with { Summary = "second" });

        Assert.False(second);
        Assert.Equal([first], await store.ReadAsync("INC-1"));
        Assert.Equal("Checkout error rate above 5%", Assert.Single(await store.ListOpenAsync()).Summary);
    }

    [Fact]
    public async Task AppendAsync_ExpectedVersionAheadOfTheLog_ReturnsFalseAndWritesNothing()
    {
        var store = await NewStoreAsync();
        Assert.True(await store.AppendAsync("INC-1", 0, Alert(T0), Head("INC-1", 1)));

        var ahead = await store.AppendAsync("INC-1", 2, new Acknowledged(T0, "alice"), Head("INC-1", 3, IncidentStatus.Acknowledged));

        Assert.False(ahead);
        Assert.Single(await store.ReadAsync("INC-1"));
        Assert.Equal(1, Assert.Single(await store.ListOpenAsync()).Version);
    }

    [Fact]
    public async Task AppendAsync_NewIncidentWithNonZeroExpectedVersion_ReturnsFalse()
    {
        var store = await NewStoreAsync();

        Assert.False(await store.AppendAsync("INC-1", 1, Alert(T0), Head("INC-1", 2)));
        Assert.Empty(await store.ReadAsync("INC-1"));
        Assert.Empty(await store.ListOpenAsync());
    }

    [Fact]
    public async Task AppendAsync_TwoIncidents_KeepSeparateLogs()
    {
        var store = await NewStoreAsync();
        var a = SampleLog();
        var b = SampleLog(T0 + Duration.FromHours(1));

        await AppendAllAsync(store, "INC-a", a);
        await AppendAllAsync(store, "INC-b", b);

        Assert.Equal(a, await store.ReadAsync("INC-a"));
        Assert.Equal(b, await store.ReadAsync("INC-b"));
    }

    [Fact]
    public async Task AppendAsync_NegativeExpectedVersion_ThrowsArgumentOutOfRange()
    {
        var store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.AppendAsync("INC-1", -1, Alert(T0), Head("INC-1", 0)));

        Assert.Equal("expectedVersion", error.ParamName);
    }

    [Fact]
    public async Task AppendAsync_NullArguments_ThrowArgumentNull()
    {
        var store = await NewStoreAsync();

        Assert.Equal("incidentId", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendAsync(null!, 0, Alert(T0), Head("INC-1", 1)))).ParamName);
        Assert.Equal("incidentEvent", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendAsync("INC-1", 0, null!, Head("INC-1", 1)))).ParamName);
        Assert.Equal("head", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendAsync("INC-1", 0, Alert(T0), null!))).ParamName);
        Assert.Equal("incidentId", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.ReadAsync(null!))).ParamName);
        Assert.Equal("dedupKey", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.FindOpenByDedupKeyAsync(null!))).ParamName);
        Assert.Equal("hash", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.SavePolicyAsync(null!, "{}"))).ParamName);
        Assert.Equal("policyJson", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.SavePolicyAsync("sha256:x", null!))).ParamName);
        Assert.Equal("hash", (await Assert.ThrowsAsync<ArgumentNullException>(() => store.ReadPolicyAsync(null!))).ParamName);
    }

    [Fact]
    public async Task ListOpenAsync_AfterEachAppend_AnswersTheLatestHeadExactly()
    {
        var store = await NewStoreAsync();
        var alertAt = T0 + Duration.FromNanoseconds(987_654_321);
        var head = new IncidentHead("INC-1", 1, IncidentStatus.Triggered, null, null, "Only a summary", null, alertAt, alertAt, null, null);
        Assert.True(await store.AppendAsync("INC-1", 0, Alert(alertAt), head));
        Assert.Equal(head, Assert.Single(await store.ListOpenAsync()));

        var second = new IncidentHead("INC-1", 2, IncidentStatus.Investigating, "SEV-1", "checkout", "Only a summary", "Checkout down — 😀",
            alertAt, alertAt + Duration.FromNanoseconds(1), "sha256:abc", "checkout/5xx");
        Assert.True(await store.AppendAsync("INC-1", 1, new Declared(alertAt + Duration.FromNanoseconds(1), "alice", "SEV-1", "Checkout down — 😀"), second));

        Assert.Equal(second, Assert.Single(await store.ListOpenAsync()));
    }

    [Fact]
    public async Task ListOpenAsync_MixedStatuses_ListsOnlyOpenOnesByAlertThenId()
    {
        var store = await NewStoreAsync();
        var statuses = Enum.GetValues<IncidentStatus>();
        for (var i = 0; i < statuses.Length; i++)
        {
            // Two incidents per status; the later id alerts first, so the order is by alert, and "b"/"a" tie on instants.
            var alertAt = T0 - Duration.FromMinutes(i);
            await AppendAllAsync(store, $"INC-{i:D2}-b", [Alert(alertAt)], statuses[i], alertAt);
            await AppendAllAsync(store, $"INC-{i:D2}-a", [Alert(alertAt)], statuses[i], alertAt);
        }

        var open = await store.ListOpenAsync();

        var expected = statuses
            .Select((status, i) => (status, i))
            .Where(x => x.status is IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating or IncidentStatus.Mitigated)
            .OrderByDescending(x => x.i)
            .SelectMany(x => new[] { $"INC-{x.i:D2}-a", $"INC-{x.i:D2}-b" });
        Assert.Equal(expected, open.Select(h => h.IncidentId));
    }

    [Fact]
    public async Task ListOpenAsync_IncidentResolved_LeavesTheList()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-1", [Alert(T0)]);
        await AppendAllAsync(store, "INC-2", [Alert(T0)]);

        Assert.True(await store.AppendAsync("INC-1", 1, new Resolved(T0 + Duration.FromHours(1), "alice"), Head("INC-1", 2, IncidentStatus.Resolved)));

        Assert.Equal(["INC-2"], (await store.ListOpenAsync()).Select(h => h.IncidentId));
    }

    [Fact]
    public async Task ListOpenAsync_TenThousandOpenIncidents_ListsAllInOneCall()
    {
        var store = await NewStoreAsync();
        const int count = 10_000;
        var ids = Enumerable.Range(0, count).Select(i => $"INC-{i:D5}").ToArray();
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (id, _) =>
            {
                var i = int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture);
                var alertAt = T0 + Duration.FromSeconds(count - i);
                Assert.True(await store.AppendAsync(id, 0, Alert(alertAt), Head(id, 1, IncidentStatus.Triggered, alertAt, $"key-{i % 100}")));
            });

        var open = await store.ListOpenAsync();

        Assert.Equal(count, open.Count);
        Assert.Equal(ids.Reverse(), open.Select(h => h.IncidentId));
    }

    /// <summary>Appends an alert and then an ending event whose head has <paramref name="status"/> and last event at
    /// <paramref name="endedAt"/>.</summary>
    protected static async Task AppendEndedAsync(IIncidentEventStore store, string id, Instant endedAt, IncidentStatus status = IncidentStatus.Resolved)
    {
        var alertAt = endedAt - Duration.FromHours(1);
        Assert.True(await store.AppendAsync(id, 0, Alert(alertAt), Head(id, 1, alertAt: alertAt)), $"alert of {id}");
        Assert.True(await store.AppendAsync(id, 1, new Resolved(endedAt, "alice"), Head(id, 2, status, alertAt, lastAt: endedAt)), $"end of {id}");
    }

    [Fact]
    public async Task ListEndedSinceAsync_MixedStatuses_ListsEveryEndedOneAndNoOpenOne()
    {
        var store = await NewStoreAsync();
        var statuses = Enum.GetValues<IncidentStatus>();
        foreach (var status in statuses)
        {
            await AppendEndedAsync(store, $"INC-{status}", T0, status);
        }

        var ended = await store.ListEndedSinceAsync(T0 - Duration.FromDays(1), 100);

        var expected = statuses
            .Where(s => s is IncidentStatus.Resolved or IncidentStatus.PostMortem or IncidentStatus.Closed or IncidentStatus.Declined or IncidentStatus.Merged)
            .Select(s => $"INC-{s}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, ended.Select(h => h.IncidentId));
        Assert.All(ended, h => Assert.Equal(h.IncidentId, $"INC-{h.Status}"));
    }

    [Fact]
    public async Task ListEndedSinceAsync_EndedIncident_AnswersItsLatestHeadExactly()
    {
        var store = await NewStoreAsync();
        var endedAt = T0 + Duration.FromNanoseconds(987_654_321);
        Assert.True(await store.AppendAsync("INC-1", 0, Alert(T0), Head("INC-1", 1)));
        var head = new IncidentHead("INC-1", 2, IncidentStatus.Resolved, "SEV-1", "checkout", "Checkout error rate above 5%", "Checkout down — 😀",
            T0, endedAt, "sha256:abc", "checkout/5xx");
        Assert.True(await store.AppendAsync("INC-1", 1, new Resolved(endedAt, "alice"), head));

        Assert.Equal(head, Assert.Single(await store.ListEndedSinceAsync(T0, 10)));
        Assert.Empty(await store.ListOpenAsync());
    }

    [Fact]
    public async Task ListEndedSinceAsync_OpenIncidentsOnly_AnswersEmpty()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-1", SampleLog());

        Assert.Empty(await store.ListEndedSinceAsync(Instant.MinValue, 10));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(-999, true)]
    [InlineData(1_000, false)]
    public async Task ListEndedSinceAsync_SinceAroundTheLastEvent_IsInclusiveToTheNanosecond(long sinceMinusEndedNanos, bool listed)
    {
        // 999 ns into a microsecond: one nanosecond later is the next microsecond, where a store keeping microseconds only would err.
        var store = await NewStoreAsync();
        var endedAt = T0 + Duration.FromNanoseconds(999);
        await AppendEndedAsync(store, "INC-1", endedAt);

        var ended = await store.ListEndedSinceAsync(endedAt + Duration.FromNanoseconds(sinceMinusEndedNanos), 10);

        Assert.Equal(listed ? ["INC-1"] : [], ended.Select(h => h.IncidentId));
    }

    [Fact]
    public async Task ListEndedSinceAsync_SinceBeforeEverything_ListsEveryEndedIncident()
    {
        var store = await NewStoreAsync();
        await AppendEndedAsync(store, "INC-old", Instant.FromUtc(1970, 1, 1, 0, 0));
        await AppendEndedAsync(store, "INC-new", T0);

        Assert.Equal(["INC-new", "INC-old"], (await store.ListEndedSinceAsync(Instant.MinValue, 10)).Select(h => h.IncidentId));
        Assert.Empty(await store.ListEndedSinceAsync(Instant.MaxValue, 10));
    }

    [Fact]
    public async Task ListEndedSinceAsync_SeveralEnded_NewestLastEventFirstThenById()
    {
        var store = await NewStoreAsync();
        await AppendEndedAsync(store, "INC-b", T0);
        await AppendEndedAsync(store, "INC-oldest", T0 - Duration.FromDays(3));
        await AppendEndedAsync(store, "INC-a", T0);
        await AppendEndedAsync(store, "INC-newest", T0 + Duration.FromNanoseconds(1));
        await AppendEndedAsync(store, "INC-c", T0, IncidentStatus.Closed);

        var ended = await store.ListEndedSinceAsync(T0 - Duration.FromDays(7), 10);

        Assert.Equal(["INC-newest", "INC-a", "INC-b", "INC-c", "INC-oldest"], ended.Select(h => h.IncidentId));
    }

    [Fact]
    public async Task ListEndedSinceAsync_MoreThanTheLimit_AnswersTheNewest()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 12; i++)
        {
            await AppendEndedAsync(store, $"INC-{i:D2}", T0 + Duration.FromMinutes(i));
        }

        Assert.Equal(["INC-11", "INC-10", "INC-09"], (await store.ListEndedSinceAsync(T0, 3)).Select(h => h.IncidentId));
        Assert.Equal(["INC-11"], (await store.ListEndedSinceAsync(T0, 1)).Select(h => h.IncidentId));
        Assert.Equal(12, (await store.ListEndedSinceAsync(T0, 12)).Count);
        Assert.Equal(12, (await store.ListEndedSinceAsync(T0, int.MaxValue)).Count);
    }

    [Fact]
    public async Task ListEndedSinceAsync_IncidentReopened_LeavesTheListAndReturnsToTheOpenOne()
    {
        var store = await NewStoreAsync();
        await AppendEndedAsync(store, "INC-1", T0);
        await AppendEndedAsync(store, "INC-2", T0);
        Assert.Equal(2, (await store.ListEndedSinceAsync(T0, 10)).Count);

        var reopenedAt = T0 + Duration.FromMinutes(5);
        Assert.True(await store.AppendAsync("INC-1", 2, new Reopened(reopenedAt, "alice", "error rate back up"),
            Head("INC-1", 3, IncidentStatus.Investigating, T0 - Duration.FromHours(1), lastAt: reopenedAt)));

        Assert.Equal(["INC-2"], (await store.ListEndedSinceAsync(T0, 10)).Select(h => h.IncidentId));
        Assert.Equal(["INC-1"], (await store.ListOpenAsync()).Select(h => h.IncidentId));
    }

    [Fact]
    public async Task ListEndedSinceAsync_EventAfterTheEnd_ListedByItsNewestEvent()
    {
        var store = await NewStoreAsync();
        await AppendEndedAsync(store, "INC-1", T0);
        await AppendEndedAsync(store, "INC-2", T0 + Duration.FromMinutes(1));
        var noteAt = T0 + Duration.FromDays(10);
        Assert.True(await store.AppendAsync("INC-1", 2, new NoteAdded(noteAt, "alice", "post-mortem scheduled"),
            Head("INC-1", 3, IncidentStatus.PostMortem, T0 - Duration.FromHours(1), lastAt: noteAt)));

        var ended = await store.ListEndedSinceAsync(T0, 10);

        Assert.Equal(["INC-1", "INC-2"], ended.Select(h => h.IncidentId));
        Assert.Equal((3, IncidentStatus.PostMortem, noteAt), (ended[0].Version, ended[0].Status, ended[0].LastEventAt));
        Assert.Equal(["INC-1"], (await store.ListEndedSinceAsync(T0 + Duration.FromDays(1), 10)).Select(h => h.IncidentId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task ListEndedSinceAsync_LimitBelowOne_ThrowsArgumentOutOfRange(int limit)
    {
        var store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListEndedSinceAsync(T0, limit));

        Assert.Equal("limit", error.ParamName);
        Assert.Equal(limit, error.ActualValue);
    }

    [Fact]
    public async Task FindOpenByDedupKeyAsync_OpenIncident_AnswersItsId()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-1", [Alert(T0)], dedupKey: "checkout/5xx");
        await AppendAllAsync(store, "INC-2", [Alert(T0)], dedupKey: "search/latency");

        Assert.Equal("INC-1", await store.FindOpenByDedupKeyAsync("checkout/5xx"));
        Assert.Equal("INC-2", await store.FindOpenByDedupKeyAsync("search/latency"));
        Assert.Null(await store.FindOpenByDedupKeyAsync("unknown"));
        Assert.Null(await store.FindOpenByDedupKeyAsync("CHECKOUT/5XX"));
    }

    [Fact]
    public async Task FindOpenByDedupKeyAsync_IncidentResolved_AnswersNull()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-1", [Alert(T0)], dedupKey: "checkout/5xx");
        Assert.True(await store.AppendAsync("INC-1", 1, new Resolved(T0 + Duration.FromHours(1), "alice"), Head("INC-1", 2, IncidentStatus.Resolved, dedupKey: "checkout/5xx")));

        Assert.Null(await store.FindOpenByDedupKeyAsync("checkout/5xx"));
    }

    [Fact]
    public async Task FindOpenByDedupKeyAsync_TwoOpenWithTheKey_AnswersTheEarliestRaised()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-late", [Alert(T0 + Duration.FromMinutes(1))], alertAt: T0 + Duration.FromMinutes(1), dedupKey: "checkout/5xx");
        await AppendAllAsync(store, "INC-z", [Alert(T0)], alertAt: T0, dedupKey: "checkout/5xx");
        await AppendAllAsync(store, "INC-y", [Alert(T0)], alertAt: T0, dedupKey: "checkout/5xx");

        Assert.Equal("INC-y", await store.FindOpenByDedupKeyAsync("checkout/5xx"));
    }

    [Fact]
    public async Task SavePolicyAsync_SameHashTwice_KeepsTheFirstText()
    {
        var store = await NewStoreAsync();

        await store.SavePolicyAsync("sha256:abc", "{\"first\":true}");
        await store.SavePolicyAsync("sha256:abc", "{\"second\":true}");
        await store.SavePolicyAsync("sha256:def", "{\"other\":\"😀\"}");

        Assert.Equal("{\"first\":true}", await store.ReadPolicyAsync("sha256:abc"));
        Assert.Equal("{\"other\":\"😀\"}", await store.ReadPolicyAsync("sha256:def"));
        Assert.Null(await store.ReadPolicyAsync("sha256:unknown"));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentWritersOfOneVersion_ExactlyOneWins()
    {
        var store = await NewStoreAsync();
        await AppendAllAsync(store, "INC-1", [Alert(T0)]);
        const int writers = 24;

        var answers = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
            store.AppendAsync("INC-1", 1, new NoteAdded(T0 + Duration.FromMinutes(1), $"writer-{w}", $"note {w}"), Head("INC-1", 2)))));

        var winner = Assert.Single(Enumerable.Range(0, writers), w => answers[w]);
        var log = await store.ReadAsync("INC-1");
        Assert.Equal(2, log.Count);
        Assert.Equal($"writer-{winner}", log[1].By);
    }

    [Property(MaxTest = 40)]
    public Property AppendAsync_AnyLog_ReadsBackEqualAndAsValidJsonLines() =>
        Prop.ForAll(IncidentGen.EventLogs.ToArbitrary(), events =>
        {
            var store = NewStoreAsync().GetAwaiter().GetResult();
            AppendAllAsync(store, "INC-prop", events).GetAwaiter().GetResult();
            var read = store.ReadAsync("INC-prop").GetAwaiter().GetResult();
            var text = StoredLogTextAsync(store, "INC-prop").GetAwaiter().GetResult();
            return read.SequenceEqual(events) && EventLogJson.Parse(text).Events.SequenceEqual(events);
        });
}
