using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentService.Tests.Servers;

/// <summary>Serves an app under test on a real socket — Kestrel on 127.0.0.1 and a port the OS picks — for peers that
/// cannot reach the in-memory TestServer (a browser, Alertmanager). ASP.NET Core 10's
/// <see cref="WebApplicationFactory{TEntryPoint}.UseKestrel(Action{Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions})"/>
/// then <see cref="WebApplicationFactory{TEntryPoint}.StartServer"/>.</summary>
public static class KestrelLoopback
{
    /// <summary>Starts <paramref name="factory"/> on Kestrel (before anything else initialised it) and answers its
    /// base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">A factory not yet started.</param>
    /// <returns>The address.</returns>
    public static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var bound = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }
}
