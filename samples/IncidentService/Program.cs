using IncidentService.Api;
using IncidentService.Hosting;
using IncidentService.Operations;
using IncidentService.Outbound;

// The service's entry point. With no configuration: dev mode — one silo in this process, nothing durable (it says so
// loudly), the seed's policy and a printed demo API key. docs/service.md lists the settings of durable mode.
var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentServiceHost();
builder.Services.AddIncidentApi();
builder.Services.AddOutboundPages();
builder.Services.AddOperations();

// The intake part plugs in here:
// builder.Services.AddIncidentIntakes(builder.Configuration);
// The pages part plugs in here:
// builder.Services.AddIncidentPages();

var app = builder.Build();
app.MapOperations();
app.MapIncidentApi();

// The intake part plugs in here:
// app.MapIncidentIntakes();
// The pages part plugs in here:
// app.MapIncidentPages();

app.Run();

/// <summary>The entry point's type, for <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
