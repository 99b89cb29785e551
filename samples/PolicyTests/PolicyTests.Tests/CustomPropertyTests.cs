using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy;
using IncidentPolicy.Calendars;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using IncidentPolicy.Testing;
using NodaTime;

namespace PolicyTests.Tests;

/// <summary>Style 3: our own properties, written with the package's generators and arbitraries.</summary>
public class CustomPropertyTests
{
    // Every P1 that was closed had a published post-mortem with at least one action item.
    [Property(MaxTest = 300)]
    public Property ClosedP1_HadAPublishedPostMortemWithActionItems() =>
        Prop.ForAll(IncidentArbitraries.Histories(MyPolicy.Policy), history =>
        {
            var incident = history.Incident;
            var closedP1 = incident.Status == IncidentStatus.Closed && incident.SeverityId == "P1";
            return (!closedP1 || (incident.PostMortemPublishedAt is not null && incident.ActionItems.Count > 0))
                .Label(history.ToString())
                .Classify(closedP1, "closed P1");
        });

    // Nothing is overdue at the moment an incident is declined: a false alarm owes nothing.
    [Property(MaxTest = 300)]
    public Property Declined_OwesNothing() =>
        Prop.ForAll(IncidentArbitraries.Histories(MyPolicy.Policy), history =>
        {
            var incident = history.Incident;
            var declined = incident.Status == IncidentStatus.Declined;
            var due = MyPolicy.Policy.Evaluate(incident, incident.LastEventAt + Duration.FromDays(30)).Due;
            return (!declined || !due.Any()).Label(history.ToString());
        });

    // With the package's arbitraries registered, a property can simply take the types as parameters:
    // here, adding business time in any calendar (DST zones included) never goes back in time.
    [Property(Arbitrary = new[] { typeof(IncidentArbitraries) }, MaxTest = 200)]
    public bool AddWorkingTime_NeverGoesBack(BusinessCalendar calendar, Instant start, Duration workingTime) =>
        calendar.AddWorkingTime(start, workingTime) >= start;

    // Our P3 respond target in business hours, checked for alerts at any instant in 2025–2028 against our calendar.
    [Property(MaxTest = 300)]
    public Property P3Respond_IsWithinWorkingTimeOfOurCalendar() =>
        Prop.ForAll(IncidentGen.Instants.ToArbitrary(), alertAt =>
        {
            var due = MyPolicy.Policy.Deadlines("P3", alertAt).Single(d => d.Kind == ObligationKind.Respond).DueAt;
            return MyPolicy.Policy.Calendar.WorkingTimeBetween(alertAt, due) == Duration.FromHours(2);
        });
}
