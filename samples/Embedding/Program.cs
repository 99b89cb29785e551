using IncidentPolicy;
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

// Business time in the policy's zone, DST included.
var calendar = policy.Calendar;
// A calendar answers null ("never") for a result after Limits.LatestResult, the end of the supported range + 100 years.
Console.WriteLine($"4 business hours after the alert: {Show(calendar.AddWorkingTime(alertAt, Duration.FromHours(4)))}");
Console.WriteLine($"next business day closes:         {Show(calendar.NextBusinessDayClose(alertAt))}");
return 0;

static string Show(Instant? instant) => instant is { } i ? TextFormats.Format(i) : "never";
