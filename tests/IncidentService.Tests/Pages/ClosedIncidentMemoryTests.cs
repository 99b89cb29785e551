using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentService.Pages;
using NodaTime;

namespace IncidentService.Tests.Pages;

public sealed class ClosedIncidentMemoryTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 5, 29, 14, 0);
    private static readonly Actor Responder = new("alice", ResponsePolicy.Default.Roles.Select(r => r.Id));

    [Fact]
    public void LeftSince_IdSeenOpenNoLongerListed_IsReadAgainAndClosedOneKept()
    {
        var memory = new ClosedIncidentMemory(10);
        memory.NoteOpen("INC-1");
        memory.NoteOpen("INC-2");

        var left = memory.LeftSince(new HashSet<string>(["INC-2"], StringComparer.Ordinal));
        memory.Record("INC-1", Resolved("INC-1", At));

        Assert.Equal(["INC-1"], left);
        Assert.Equal(["INC-1"], memory.Closed(At, Duration.FromDays(7)).Select(i => i.Id));
        Assert.Empty(memory.LeftSince(new HashSet<string>(["INC-2"], StringComparer.Ordinal)));
    }

    [Fact]
    public void Closed_ResolvedLongerAgoThanTheWindow_IsForgotten()
    {
        var memory = new ClosedIncidentMemory(10);
        memory.NoteOpen("INC-1");
        memory.Record("INC-1", Resolved("INC-1", At));

        Assert.Single(memory.Closed(At + Duration.FromDays(7), Duration.FromDays(7)));
        Assert.Empty(memory.Closed(At + Duration.FromDays(7) + Duration.FromSeconds(1), Duration.FromDays(7)));
    }

    [Fact]
    public void Closed_MoreThanCapacity_KeepsTheMostRecentlyResolved()
    {
        var memory = new ClosedIncidentMemory(2);
        for (var i = 1; i <= 3; i++)
        {
            memory.NoteOpen($"INC-{i}");
            memory.Record($"INC-{i}", Resolved($"INC-{i}", At + Duration.FromMinutes(i)));
        }

        Assert.Equal(["INC-3", "INC-2"], memory.Closed(At + Duration.FromHours(1), Duration.FromDays(7)).Select(i => i.Id));
    }

    [Fact]
    public void Record_IncidentOpenAgainOrMissing_KeepsNothingClosed()
    {
        var memory = new ClosedIncidentMemory(10);
        memory.NoteOpen("INC-1");
        memory.NoteOpen("INC-2");

        memory.Record("INC-1", Open("INC-1", At));
        memory.Record("INC-2", null);

        Assert.Empty(memory.Closed(At, Duration.FromDays(7)));
        Assert.Equal(["INC-1"], memory.LeftSince(new HashSet<string>(StringComparer.Ordinal)));
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClosedIncidentMemory(0));

    private static Incident Open(string id, Instant at) =>
        Incident.Raise(ResponsePolicy.Default, id, new RaiseAlert("search latency", "search"), Responder, at).Incident!;

    private static Incident Resolved(string id, Instant at)
    {
        var incident = Open(id, at - Duration.FromMinutes(1));
        incident = incident.Apply(new Acknowledge(), Responder, at - Duration.FromSeconds(30), incident.Version).Incident!;
        return incident.Apply(new Resolve("fixed"), Responder, at, incident.Version).Incident!;
    }
}
