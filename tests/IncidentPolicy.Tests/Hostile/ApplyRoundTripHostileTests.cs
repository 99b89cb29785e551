using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Random command sequences with hostile texts, instants, dates and numbers, through <see cref="Incident.Apply"/>:
/// nothing but the documented exceptions escapes, and whatever <c>Apply</c> accepts, the event log writer writes and
/// the reader reads back identical, in both forms; <c>Evaluate</c> and <c>Audit</c> of every accepted incident answer.
/// </summary>
public class ApplyRoundTripHostileTests(ITestOutputHelper output)
{
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default;
    private static readonly string[] Roles = Policy.Roles.Select(r => r.Id).ToArray();
    private static readonly string[] Severities = Policy.Severities.Select(s => s.Id).ToArray();

    [Fact]
    public void RandomCommandSequences_AcceptedEventsRoundTripThroughTheLog()
    {
        using var count = new HostileCount(output);
        for (var seed = 0; seed < 700; seed++)
        {
            var h = new Hostile(seed);
            var id = h.Chance(90) ? $"INC-{seed}" : h.Text();
            var at = h.Chance(90) ? h.InRangeInstant() : h.EdgeInstant();
            var alert = new RaiseAlert(h.MostlyPlain("checkout errors"), h.Chance(50) ? null : h.MostlyPlain("checkout"), h.Chance(70) ? h.Pick(Severities) : null);
            var @case = $"seed {seed}: raise {Documented.Show(id)} at {at}";
            var raised = Documented.Call("Incident.Raise", () => Incident.Raise(Policy, id, alert, Actor(h), at), @case, typeof(ArgumentException));
            count.Add();
            if (raised?.Incident is not { } incident)
            {
                continue;
            }

            var steps = 5 + h.Next(40);
            for (var step = 0; step < steps; step++)
            {
                at = h.Chance(95) ? Later(h, incident.LastEventAt) : h.EdgeInstant();
                var command = Command(h, incident, at);
                var actor = Actor(h);
                var result = Documented.Call("Incident.Apply", () => incident.Apply(command, actor, at, incident.Version), $"seed {seed} step {step}: {command} by {Documented.Show(actor.Id)} at {at}");
                count.Add();
                if (result is { Incident: { } next, Rejection: null } && next.Version > incident.Version)
                {
                    incident = next;
                }
            }

            AssertRoundTrips(incident, $"seed {seed}");
            AssertAnswers(h, incident, $"seed {seed}");
        }
    }

    private static void AssertRoundTrips(Incident incident, string @case)
    {
        var events = incident.Events;
        var lines = Documented.Call("SerializeLines", () => EventLogJson.SerializeLines(events), @case)!;
        Assert.True(EventLogJson.TryParse(lines, out var fromLines, out var linesErrors),
            $"{@case}: the log Apply accepted does not read back: {string.Join("; ", linesErrors)}");
        Assert.Equal(events, fromLines.Events);

        var document = Documented.Call("SerializeDocument", () => EventLogJson.SerializeDocument(incident.Id, events), @case)!;
        Assert.True(EventLogJson.TryParse(document, out var fromDocument, out var documentErrors),
            $"{@case}: the document Apply accepted does not read back: {string.Join("; ", documentErrors)}");
        Assert.Equal(events, fromDocument.Events);
        Assert.Equal(incident.Id, fromDocument.IncidentId);
        Assert.Equal(incident, Incident.Replay(Policy, incident.Id, fromDocument.Events));
    }

    private static void AssertAnswers(Hostile h, Incident incident, string @case)
    {
        foreach (var now in new[] { incident.LastEventAt, h.InRangeInstant(), h.EdgeInstant(), Limits.MaxInstant })
        {
            Documented.Call("Evaluate", () => Policy.Evaluate(incident, now), $"{@case} at {now}", typeof(ArgumentOutOfRangeException));
        }

        var report = Documented.Call("Audit", () => Policy.Audit(incident.Id, incident.Events), @case)!;
        Assert.DoesNotContain(report.Violations, v => v.RuleId == RuleIds.Storable);
    }

    private static Instant Later(Hostile h, Instant last) =>
        h.Next(10) switch
        {
            0 => last,
            1 => Limits.MaxInstant - Duration.FromMinutes(h.Next(60)) is var late && late > last ? late : last,
            _ => last + Duration.FromSeconds(1 + h.Next(3 * 3600)),
        };

    private static Actor Actor(Hostile h) =>
        h.Next(10) switch
        {
            0 => new Actor(h.Text()),
            1 => new Actor("bystander"),
            2 => new Actor("kim", [h.Pick(Roles)]),
            _ => new Actor(h.Pick(["sarah", "alex", "priya"]), ["engineering-manager", "on-call-engineer"]),
        };

    private static IncidentCommand Command(Hostile h, Incident incident, Instant at)
    {
        var itemId = incident.ActionItems.Count > 0 && h.Chance(60) ? h.Pick(incident.ActionItems).Id : h.MostlyPlain($"AI-{h.Next(5)}");
        return h.Next(22) switch
        {
            0 => new Acknowledge(),
            1 => new Declare(h.Chance(90) ? h.Pick(Severities) : h.Text(), h.MostlyPlain("checkout outage")),
            2 => new AssignCommander(h.MostlyPlain(h.Pick(["sarah", "priya", "alex"]))),
            3 => new AssignRole(h.Chance(90) ? h.Pick(Roles) : h.Text(), h.MostlyPlain("kim")),
            4 => new ChangeSeverity(h.Chance(90) ? h.Pick(Severities) : h.Text(), h.Chance(50) ? null : h.Text()),
            5 => new PostStatusUpdate(h.Chance(50) ? StatusAudience.External : StatusAudience.Internal, h.MostlyPlain("investigating")),
            6 => new AddNote(h.Text()),
            7 => new RecordImpact(h.MostlyPlain("revenueLoss"), h.Decimal(), h.Chance(50) ? null : h.MostlyPlain("USD")),
            8 => new RaiseFlag(h.MostlyPlain("dataBreachSuspected")),
            9 => new Mitigate(h.Chance(50) ? null : h.Text()),
            10 => new Resolve(h.Chance(50) ? null : h.Text()),
            11 => new Reopen(h.Chance(50) ? null : h.Text()),
            12 => new SchedulePostMortem(h.Chance(70) ? at + Duration.FromDays(h.Next(3)) : h.EdgeInstant()),
            13 => new AddActionItem(h.MostlyPlain($"AI-{h.Next(5)}"), h.MostlyPlain("add tests"), h.MostlyPlain("alex"), h.Chance(70) ? new LocalDate(2026, 6, 5) : h.Date()),
            14 => new CompleteActionItem(itemId),
            15 => new ChangeActionItemStatus(itemId, (ActionItemStatus)h.Next(4), h.Chance(50) ? null : h.Text()),
            16 => new PublishPostMortem(),
            17 => new Close(),
            18 => new RecordNotification(h.MostlyPlain("escalate:page-engineering-manager#1"), h.MostlyPlain("erin")),
            19 => new RecordReminder(h.MostlyPlain("externalUpdate#1")),
            20 => new Decline(h.Chance(50) ? null : h.Text()),
            _ => new MergeInto(h.MostlyPlain("INC-9")),
        };
    }
}
