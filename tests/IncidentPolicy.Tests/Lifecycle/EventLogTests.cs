using IncidentPolicy.Lifecycle;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>
/// The log behind <see cref="Incident.Events"/> shares one array between versions: these show that no version ever
/// sees another's events, whichever version is extended, in what order, or from how many threads.
/// </summary>
public class EventLogTests
{
    private static IncidentEvent Note(int i) => new NoteAdded(IncidentFixture.At(i), "alex", $"note {i}");

    [Fact]
    public void ExtendingAnOlderVersion_LeavesTheNewerOnesAsTheyWere()
    {
        var one = EventLog.Empty.Add(Note(1));
        var two = one.Add(Note(2));
        var branch = one.Add(Note(3));
        var three = two.Add(Note(4));

        Assert.Equal([Note(1)], one);
        Assert.Equal([Note(1), Note(2)], two);
        Assert.Equal([Note(1), Note(3)], branch);
        Assert.Equal([Note(1), Note(2), Note(4)], three);
        Assert.Equal(Note(3), branch[1]);
        Assert.Empty(EventLog.Empty);
    }

    [Fact]
    public void ALongLog_GrowsAndKeepsEveryEventInOrder()
    {
        var log = EventLog.Empty;
        var versions = new List<EventLog>();
        for (var i = 0; i < 100; i++)
        {
            versions.Add(log);
            log = log.Add(Note(i));
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(Note), log);
        Assert.Equal(Enumerable.Range(0, 100).Select(Note), log.AsSpan().ToArray());
        for (var i = 0; i < versions.Count; i++)
        {
            Assert.Equal(i, versions[i].Count);
            Assert.Equal(Enumerable.Range(0, i).Select(Note), versions[i]);
        }
    }

    [Fact]
    public void ReadingPastTheEnd_IsAnOutOfRangeError_EvenWhenTheSharedArrayHasMore()
    {
        var one = EventLog.Empty.Add(Note(1));
        _ = one.Add(Note(2));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => one[1]);
        Assert.Contains("1 events", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[-1]);
    }

    [Fact]
    public void ManyThreadsExtendingTheSameVersion_EachGetTheirOwnEvent()
    {
        var baseLog = EventLog.Empty.Add(Note(0)).Add(Note(1));
        var results = new EventLog[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = baseLog.Add(Note(100 + i)).Add(Note(200 + i)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal([Note(0), Note(1), Note(100 + i), Note(200 + i)], results[i]);
        }

        Assert.Equal([Note(0), Note(1)], baseLog);
    }

    [Fact]
    public void IncidentsBranchingFromOneVersion_KeepTheirOwnEvents()
    {
        var acknowledged = IncidentFixture.Acknowledged();
        var declared = acknowledged.Then(new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, 10);
        var declined = acknowledged.Then(new Decline("false alarm"), IncidentFixture.Alex, 11);

        Assert.IsType<Declared>(declared.Events[^1]);
        Assert.IsType<Declined>(declined.Events[^1]);
        Assert.Equal(acknowledged.Version + 1, declared.Version);
        Assert.Equal(acknowledged.Events, declined.Events.Take(acknowledged.Version));
        Assert.Equal(Duration.Zero, declared.Events[0].At - declined.Events[0].At);
    }
}
