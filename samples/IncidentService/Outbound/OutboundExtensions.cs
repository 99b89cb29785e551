using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Outbound;

/// <summary>Registers the outbound pages: the webhook dispatcher and its HTTP client.</summary>
public static class OutboundExtensions
{
    /// <summary>Registers <see cref="WebhookDispatcher"/> as the incident grains' dispatcher.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOutboundPages(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookDispatcher.ClientName);
        services.AddSingleton<IIncidentDispatcher, WebhookDispatcher>();
        return services;
    }
}
