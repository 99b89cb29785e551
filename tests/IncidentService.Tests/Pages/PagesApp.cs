using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace IncidentService.Tests.Pages;

/// <summary>
/// The service for the page tests: the dev-mode host with a clock the test drives, two API keys (an engineering manager,
/// who may see restricted incidents, and an on-call engineer, who may not), a journal and a change log the test fills,
/// and a dispatcher that accepts every page. Helpers drive incidents through the grains as a responder holding every
/// role.
/// </summary>
internal sealed class PagesApp : WebApplicationFactory<Program>
{
    /// <summary>The manager's key: <c>sarah</c>, engineering manager.</summary>
    public const string ManagerKey = "key-manager-0123456789";

    /// <summary>The engineer's key: <c>dana</c>, on-call engineer.</summary>
    public const string EngineerKey = "key-engineer-0123456789";

    /// <summary>The instant the clock starts at.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 5, 29, 14, 0);

    private static readonly Actor Responder = new("alice", ResponsePolicy.Default.Roles.Select(r => r.Id));

    /// <summary>The clock the service reads.</summary>
    public FakeClock Clock { get; } = new(Start);

    /// <summary>The change log the dashboard reads.</summary>
    public TestChangeLog Changes { get; } = new();

    /// <summary>The grains.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The journal the dashboard reads.</summary>
    public ServiceJournal Journal => Services.GetRequiredService<ServiceJournal>();

    /// <summary>Applies commands to an incident in order, each at the clock's instant, and fails on any refusal.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="commands">The commands; the first of a new incident is a <see cref="RaiseAlert"/>.</param>
    /// <returns>A task that completes when all are stored.</returns>
    public async Task ApplyAsync(string incidentId, params IncidentCommand[] commands)
    {
        var grain = Grains.GetGrain<IIncidentGrain>(incidentId);
        foreach (var command in commands)
        {
            var answer = await grain.ApplyAsync(command, Responder, await grain.GetVersionAsync());
            Assert.True(answer.IsAccepted, $"{incidentId} {command}: {answer}");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<IIncidentDispatcher, AcceptingDispatcher>();
            services.AddSingleton<IApiKeyActors>(new TestApiKeys(new Dictionary<string, Actor>
            {
                [ManagerKey] = new("sarah", "engineering-manager"),
                [EngineerKey] = new("dana", "on-call-engineer"),
            }));
            services.AddSingleton<IChangeLog>(Changes);
        });
    }

    private sealed class AcceptingDispatcher : IIncidentDispatcher
    {
        public Task DispatchAsync(DueAction action, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
