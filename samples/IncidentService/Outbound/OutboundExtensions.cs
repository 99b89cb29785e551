using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Outbound;

/// <summary>Registers the outbound pages: the webhook dispatcher and its HTTP client.</summary>
public static class OutboundExtensions
{
    /// <summary>Registers <see cref="WebhookDispatcher"/> as the incident grains' dispatcher, and its HTTP client: no
    /// client-wide timeout (each attempt is bounded by <c>DeliveryTimeout</c>, which may then be longer than the
    /// client's default 100 s) and no redirects followed (a 301/302 would turn the POST into a GET without the page; it
    /// is a failed attempt naming the new location instead).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOutboundPages(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<IIncidentDispatcher, WebhookDispatcher>();
        return services;
    }
}
