using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>What meets <c>respond:ROLE</c> is the role's <see cref="Role.RespondedBy"/>: by default its assignment (and
/// an acknowledgement for the on-call role); a policy may list other events, which count when their actor holds the
/// role at the event.</summary>
public class RespondedByTests
{
    private static ResponsePolicy With(string roleId, params ResponseEvent[] respondedBy)
    {
        var policy = ResponsePolicy.Default;
        return policy.WithRoles(policy.Roles.Select(r => r.Id == roleId ? new Role(r.Id, r.Name, r.Description, respondedBy) : r));
    }

    private static Obligation Respond(Incident incident, string role, int minutes) =>
        incident.Policy.Evaluate(incident, IncidentFixture.At(minutes)).Obligations.Single(o => o.Key == $"respond:{role}");

    [Fact]
    public void Default_IsTheAssignment_AndTheAcknowledgementForOnCall()
    {
        var roles = ResponsePolicy.Default.Roles.ToDictionary(r => r.Id);
        Assert.Equal([ResponseEvent.RoleAssigned], roles["comms-lead"].RespondedBy.ToArray());
        Assert.Equal([ResponseEvent.RoleAssigned, ResponseEvent.Acknowledged], roles["on-call-engineer"].RespondedBy.ToArray());
        Assert.Equal([ResponseEvent.RoleAssigned], new Role("scribe", "Scribe").RespondedBy.ToArray());
    }

    [Fact]
    public void Default_TheCommsLeadsStatusUpdate_DoesNotMeetIt()
    {
        var incident = IncidentFixture.Raised("SEV-1")
            .Then(new PostStatusUpdate(StatusAudience.External, "We're investigating."), IncidentFixture.Maria, 3);

        Assert.Equal(ObligationState.Pending, Respond(incident, "comms-lead", 4).State);
    }

    [Fact]
    public void StatusUpdateListed_TheCommsLeadsFirstUpdateMeetsIt_WhenSheHoldsTheRole()
    {
        var policy = With("comms-lead", ResponseEvent.ExternalStatusUpdatePosted);
        var incident = IncidentFixture.Raised("SEV-1", policy)
            .Then(new AssignRole(Role: "comms-lead", Person: "maria"), IncidentFixture.Manager, 2)
            .Then(new PostStatusUpdate(StatusAudience.Internal, "Looking."), IncidentFixture.Maria, 3)
            .Then(new PostStatusUpdate(StatusAudience.External, "We're investigating."), IncidentFixture.Maria, 6);

        var respond = Respond(incident, "comms-lead", 7);
        Assert.Equal(ObligationState.Met, respond.State);
        Assert.Equal(IncidentFixture.At(6), respond.MetAt);
        Assert.Equal(ObligationState.Pending, Respond(incident, "comms-lead", 5).State);
    }

    [Fact]
    public void StatusUpdateListed_SomeoneNotHoldingTheRole_DoesNotMeetIt()
    {
        var policy = With("comms-lead", ResponseEvent.StatusUpdatePosted);
        var incident = IncidentFixture.Raised("SEV-1", policy)
            .Then(new AssignRole(Role: "comms-lead", Person: "maria"), IncidentFixture.Manager, 2)
            .Then(new PostStatusUpdate(StatusAudience.External, "We're investigating."), IncidentFixture.Manager, 3);

        Assert.Equal(ObligationState.Pending, Respond(incident, "comms-lead", 4).State);
    }

    [Fact]
    public void RoleAssignedNotListed_TheAssignmentAloneDoesNotMeetIt()
    {
        var policy = With("comms-lead", ResponseEvent.NoteAdded);
        var incident = IncidentFixture.Raised("SEV-1", policy)
            .Then(new AssignRole(Role: "comms-lead", Person: "maria"), IncidentFixture.Manager, 2);

        Assert.Equal(ObligationState.Pending, Respond(incident, "comms-lead", 3).State);
        incident = incident.Then(new AddNote("Drafting the status page text"), IncidentFixture.Maria, 4);
        Assert.Equal(IncidentFixture.At(4), Respond(incident, "comms-lead", 5).MetAt);
    }

    [Fact]
    public void OnCallBySchedule_HoldsTheRole_AtTheEvent()
    {
        // The default on-call rotation has alex on call in the week of 25 May 2026; casey is not.
        var policy = With("on-call-engineer", ResponseEvent.StatusUpdatePosted);
        var raised = IncidentFixture.Raised("SEV-1", policy);
        var byCasey = raised.Then(new PostStatusUpdate(StatusAudience.Internal, "Looking."), new Actor("casey", "on-call-engineer"), 2);
        var byAlex = byCasey.Then(new PostStatusUpdate(StatusAudience.Internal, "Looking too."), IncidentFixture.Alex, 3);

        Assert.Equal(ObligationState.Pending, Respond(byCasey, "on-call-engineer", 2).State);
        Assert.Equal(IncidentFixture.At(3), Respond(byAlex, "on-call-engineer", 4).MetAt);
    }

    [Fact]
    public void AcknowledgedNotListed_TheAcknowledgementDoesNotMeetTheOnCallRole()
    {
        var policy = With("on-call-engineer", ResponseEvent.RoleAssigned);
        var incident = IncidentFixture.Raised("SEV-1", policy).Then(new Acknowledge(), IncidentFixture.Alex, 2);

        Assert.Equal(ObligationState.Pending, Respond(incident, "on-call-engineer", 3).State);
    }

    [Fact]
    public void TheCommanderHoldsIncidentCommander_AndTheAcknowledgerOnCall()
    {
        var policy = With("on-call-engineer", ResponseEvent.Mitigated);
        var incident = IncidentFixture.Raised("SEV-1", policy)
            .Then(new Acknowledge(), new Actor("casey"), 2)
            .Then(new Mitigate("rolled back"), new Actor("casey"), 9);

        Assert.Equal(IncidentFixture.At(9), Respond(incident, "on-call-engineer", 10).MetAt);
    }

    /// <summary>The cached engine and the plain fold agree for roles whose respond obligations other events meet.</summary>
    [Fact]
    public void Evaluate_AnswersAsThePlainFold_WithRespondedBy()
    {
        var everyEvent = Enum.GetValues<ResponseEvent>();
        var respondedBy = Gen.SubListOf(everyEvent).Where(l => l.Count > 0).Select(l => l.ToArray());
        var policies =
            from commsLead in respondedBy
            from onCall in respondedBy
            from manager in respondedBy
            select ResponsePolicy.Default.WithRoles(ResponsePolicy.Default.Roles.Select(r => r.Id switch
            {
                "comms-lead" => new Role(r.Id, r.Name, r.Description, commsLead),
                "on-call-engineer" => new Role(r.Id, r.Name, r.Description, onCall),
                "engineering-manager" => new Role(r.Id, r.Name, r.Description, manager),
                _ => r,
            }));
        var actor = Gen.Elements("alex", "casey", "maria", "sarah", "erin");
        var step =
            from minutes in Gen.Choose(0, 20)
            from who in actor
            from person in actor
            from kind in Gen.Choose(0, 11)
            select (minutes, (Func<Instant, IncidentEvent>)(at => kind switch
            {
                0 => new Acknowledged(at, who),
                1 => new Declared(at, who, "SEV-1", "checkout"),
                2 => new StatusUpdatePosted(at, who, StatusAudience.External, "update"),
                3 => new StatusUpdatePosted(at, who, StatusAudience.Internal, "update"),
                4 => new NoteAdded(at, who, "note"),
                5 => new Mitigated(at, who, null),
                6 => new ChannelCreated(at, who, "#inc"),
                7 => new RoleAssigned(at, who, person == "maria" ? "comms-lead" : "engineering-manager", person),
                8 => new CommanderAssigned(at, who, person),
                9 => new SeverityChanged(at, who, person == "alex" ? "SEV-2" : "SEV-1", null),
                10 => new Resolved(at, who, null),
                _ => new Reopened(at, who, null),
            }));
        var cases =
            from policy in policies
            from count in Gen.Choose(1, 25)
            from steps in Gen.ArrayOf(step, count)
            from offsets in Gen.Choose(-60, 600).ArrayOf().Select(o => o.Take(6).ToArray())
            select new ObligationFoldTests.Case(policy, Log(steps), offsets);

        Prop.ForAll(cases.ToArbitrary(), c => ObligationFoldTests.Compare(ObligationFoldTests.Cached, c) is not { } difference
                ? true.ToProperty()
                : false.Label($"{difference}\n{c}"))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static List<IncidentEvent> Log((int Minutes, Func<Instant, IncidentEvent> Make)[] steps)
    {
        var at = IncidentFixture.AlertAt;
        var events = new List<IncidentEvent> { new AlertFired(at, "monitoring", "checkout errors", "checkout", "SEV-1", null) };
        foreach (var (minutes, make) in steps)
        {
            at += Duration.FromMinutes(minutes);
            events.Add(make(at));
        }

        return events;
    }
    /// <summary>The engine asks a role about an event only when <see cref="RoleResponses.ListingByKind"/> lists the role
    /// under the event's kind: every event that a role lists (<see cref="RoleResponses.Lists"/>) must be found there.</summary>
    [Fact]
    public void ListingByKind_HoldsEveryRoleThatListsAnEvent()
    {
        var at = IncidentFixture.At(1);
        IncidentEvent[] events =
        [
            new RoleAssigned(at, "alex", "scribe", "sam"),
            new Acknowledged(at, "alex"),
            new Declared(at, "alex", "SEV-1", "checkout down"),
            new StatusUpdatePosted(at, "alex", StatusAudience.External, "Investigating."),
            new StatusUpdatePosted(at, "alex", StatusAudience.Internal, "Looking at the database."),
            new NoteAdded(at, "alex", "rolled back"),
            new Mitigated(at, "alex", "rolled back"),
            new ChannelCreated(at, "alex", "#inc-1"),
            new Resolved(at, "alex", "stable"),
        ];
        foreach (var listed in Enum.GetValues<ResponseEvent>())
        {
            var role = new Role("scribe", "Scribe", "", [listed]);
            var byKind = RoleResponses.ListingByKind([role]);
            foreach (var incidentEvent in events)
            {
                if (RoleResponses.Lists(role, incidentEvent))
                {
                    Assert.Contains(role, byKind[(int)incidentEvent.Kind]);
                }
            }

            // Each response event is some kind's: the role is listed somewhere.
            Assert.Contains(byKind, roles => roles.Contains(role));
        }
    }
}
