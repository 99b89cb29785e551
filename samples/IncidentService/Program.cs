using IncidentService.Api;
using IncidentService.Hosting;
using IncidentService.Intake;
using IncidentService.Operations;
using IncidentService.Outbound;
using IncidentService.Pages;

// The service's entry point. With no configuration: dev mode — one silo in this process, nothing durable (it says so
// loudly), the seed's policy and a printed demo API key. docs/service.md lists the settings of durable mode.
var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentServiceHost();
builder.Services.AddIncidentApi();
builder.Services.AddOutboundPages();
builder.Services.AddOperations();
builder.Services.AddIncidentIntakes(builder.Configuration);
builder.Services.AddIncidentPages();

var app = builder.Build();
app.MapOperations();
app.MapIncidentApi();
app.MapIncidentIntakes();
app.MapIncidentPages();
app.Run();

/// <summary>The entry point's type, for <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
