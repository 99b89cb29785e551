using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Tests.Intake;

/// <summary>
/// The real peer: Prometheus Alertmanager (Debian package <c>prometheus-alertmanager</c>) started on a loopback port from
/// a temporary directory, its webhook receiver pointing at the service (Kestrel on another loopback port) with the
/// bearer token, a one-second <c>group_wait</c>. Fails, naming the package, when it is not installed.
/// </summary>
public sealed class AlertmanagerFixture : IAsyncLifetime
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _directory;

    public IntakeFactory Service { get; } = new();

    public Uri Alertmanager { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package prometheus-alertmanager (apt-get install prometheus-alertmanager)");
        var servicePort = FreePort();
        Service.UseKestrel(servicePort);
        Service.StartServer();

        _directory = Directory.CreateTempSubdirectory("intake-alertmanager-").FullName;
        var port = FreePort();
        var config = $"""
            route:
              receiver: team-checkout
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: team-checkout
                webhook_configs:
                  - url: http://127.0.0.1:{servicePort}/webhooks/alertmanager
                    send_resolved: true
                    http_config:
                      authorization:
                        credentials: {IntakeFactory.AlertmanagerToken}
            """;
        await File.WriteAllTextAsync(Path.Combine(_directory, "alertmanager.yml"), config);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in (string[])[
            $"--config.file={Path.Combine(_directory, "alertmanager.yml")}", $"--storage.path={Path.Combine(_directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        Alertmanager = new Uri($"http://127.0.0.1:{port}/");
        await WaitAsync(async () =>
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(Alertmanager, "-/ready"));
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "Alertmanager to answer /-/ready");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Http.Dispose();
        await Service.DisposeAsync();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}; Alertmanager's log:\n{Log}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[Collection("Intake")]
public sealed class RealAlertmanagerTests(AlertmanagerFixture fixture) : IClassFixture<AlertmanagerFixture>
{
    private async Task PostAlertAsync(string endsAt)
    {
        var json = $$$"""
            [{"labels":{"alertname":"CheckoutErrors","service":"checkout","severity":"critical"},
              "annotations":{"summary":"checkout error rate above 5%"}{{{endsAt}}}}]
            """;
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await fixture.Http.PostAsync(new Uri(fixture.Alertmanager, "api/v2/alerts"), content);
        Assert.True(response.IsSuccessStatusCode, $"Alertmanager answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Alertmanager_AlertFiresSlackAckThenResolves_OneIncidentOnePageAcknowledgedThenAlertCleared()
    {
        var service = fixture.Service;

        await PostAlertAsync("");
        await fixture.WaitAsync(() => Task.FromResult(service.Journal.RecentIntakes().Any(r => r.Source == "alertmanager")), "the webhook to deliver the alert");

        var fired = service.Journal.RecentIntakes().First(r => r.Source == "alertmanager");
        Assert.True(fired.Accepted, fired.Reason);
        var incidentId = fired.IncidentId!;
        var incident = await service.StateAsync(incidentId);
        Assert.Equal("checkout", incident.GetProperty("service").GetString());
        Assert.Equal("SEV-1", incident.GetProperty("severity").GetString());
        Assert.Equal(fired.DedupKey, incident.GetProperty("dedupKey").GetString());
        await fixture.WaitAsync(() => Task.FromResult(service.Dispatcher.Sent.Any(a => a.IncidentId == incidentId && a.Kind == DueActionKind.Page)), "the on-call page");

        using (var client = service.CreateClient())
        {
            var (status, reply) = await IntakeClient.SlackAsync(client, service, "UALEX", $"ack {incidentId}", "CREALAM");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("in_channel", reply.GetProperty("response_type").GetString());
        }

        Assert.Equal("alex", (await service.StateAsync(incidentId)).GetProperty("acknowledgedBy").GetString());

        var endedAt = TimeProvider.System.GetUtcNow().AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await PostAlertAsync($",\"endsAt\":\"{endedAt}\"");
        await fixture.WaitAsync(async () => (await service.EventsAsync(incidentId)).Any(e => e.GetProperty("type").GetString() == "alertCleared"),
            "the resolved notification to record alertCleared");

        var events = await service.EventsAsync(incidentId);
        Assert.Equal("integration:alertmanager", events.Single(e => e.GetProperty("type").GetString() == "alertCleared").GetProperty("by").GetString());
        Assert.Single(events, e => e.GetProperty("type").GetString() == "alertFired");
        Assert.Equal("acknowledged", (await service.StateAsync(incidentId)).GetProperty("status").GetString());
        Assert.Single(service.Dispatcher.Sent, a => a.IncidentId == incidentId && a.Kind == DueActionKind.Page);
        Assert.All(service.Journal.RecentIntakes().Where(r => r.Source == "alertmanager"), r => Assert.Equal(fired.DedupKey, r.DedupKey));
    }
}
