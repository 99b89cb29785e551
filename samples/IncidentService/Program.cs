using IncidentPolicy;
using IncidentPolicy.Orleans.Hosting;
using IncidentService.Pages;

// The service's entry point. Dev mode (no configuration): one silo in this process, in-memory event store and
// reminders — not durable — with the seed's policy.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .UseInMemoryReminderService()
    .AddIncidentPolicy(ResponsePolicy.Default)
    .AddInMemoryIncidentEventStore());
builder.Services.AddIncidentPages();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapIncidentPages();
app.Run();

/// <summary>The entry point's type, for <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
