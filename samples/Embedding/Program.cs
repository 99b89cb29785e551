using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using NodaTime;

// Usage: dotnet run --project samples/Embedding [policy.json]

// Load and validate a policy file: every problem is reported at once, with its JSON path.
ResponsePolicy policy;
try
{
    policy = args.Length > 0 ? PolicyJson.Load(args[0]) : ResponsePolicy.Default; // the seed playbook
}
catch (PolicyValidationException e)
{
    foreach (var problem in e.Problems)
    {
        Console.Error.WriteLine(problem); // "$.calendar.timeZone: unknown time zone …"
    }

    return 1;
}

foreach (var warning in policy.Warnings)
{
    Console.Error.WriteLine($"warning: {warning}");
}

// What an alert owes, and by when: acknowledge, respond, declare, assign commander, first status-page update.
var alertAt = Instant.FromUtc(2026, 5, 29, 4, 2);
foreach (var deadline in policy.Deadlines("SEV-1", alertAt))
{
    Console.WriteLine($"{deadline.KindName,-20} {TextFormats.Format(deadline.DueAt)}  {deadline.Reason}");
}

// Open an incident: the alert is its first event. Every command after it goes through Apply, which answers with the new
// incident and the event to append to your log, or a Rejection that says why (never an exception).
var monitoring = new Actor("monitoring");
var alex = new Actor("alex", "on-call-engineer");
var incident = Incident.Raise(policy, "INC-42", new RaiseAlert("Checkout error rate > 5%", "checkout", "SEV-1"), monitoring, alertAt).Incident!;
var acknowledged = incident.Apply(new Acknowledge(), alex, alertAt + Duration.FromMinutes(3), incident.Version);
if (!acknowledged.IsAccepted)
{
    Console.Error.WriteLine(acknowledged.Rejection); // code, reason and rule id
    return 1;
}

incident = acknowledged.Incident; // append acknowledged.Event to the incident's log

// What is owed ten minutes after the alert: each obligation with its key, state and deadline ("due now" at it).
var now = alertAt + Duration.FromMinutes(10);
var evaluation = policy.Evaluate(incident, now);
foreach (var obligation in evaluation.Obligations)
{
    Console.WriteLine(obligation); // "declare  overdue  due 2026-05-29T04:07:00Z  late by 5 minutes"
}

Console.WriteLine($"look again at {Show(evaluation.NextWakeUp)}, or at the next command");

// Business time in the policy's zone, DST included.
var calendar = policy.Calendar;
// A calendar answers null ("never") for a result after Limits.LatestResult, the end of the supported range + 100 years.
Console.WriteLine($"4 business hours after the alert: {Show(calendar.AddWorkingTime(alertAt, Duration.FromHours(4)))}");
Console.WriteLine($"next business day closes:         {Show(calendar.NextBusinessDayClose(alertAt))}");
return 0;

static string Show(Instant? instant) => instant is { } i ? TextFormats.Format(i) : "never";
