using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using IncidentPolicy.Orleans.Tests.Servers;

namespace IncidentService.Tests.Servers;

/// <summary>
/// A real Prometheus Alertmanager (the Debian package <c>prometheus-alertmanager</c>, 0.25) for one test: on 127.0.0.1
/// and a free port, clustering off, its storage, configuration and log in a temporary folder; one route with a short
/// <c>group_wait</c> to one webhook receiver at the URL the test gives (<c>send_resolved: true</c>, optionally with a
/// bearer token); ready once <c>/-/ready</c> answers 200; stopped after.
/// </summary>
/// <remarks>
/// <para>Each alert is its own group (<c>group_by: ['...']</c>), so one alert gives one webhook call and its
/// resolution another. <c>group_wait</c> is 1 s (the default, 30 s, would make every test wait);
/// <c>group_interval</c> 1 s, so a resolution is sent about a second after Alertmanager learns of it;
/// <c>repeat_interval</c> 1 h, so nothing is re-sent during a test.</para>
/// <para>A missing binary fails the fixture naming the package to install (never a skipped test). The log (stdout and
/// stderr, debug level) is quoted in every start failure and copied to <c>server-logs/</c> beside the test assembly
/// when the server stops.</para>
/// <para>Alertmanager runs on the machine's clock, so the alerts posted to it carry real instants
/// (<see cref="TimeProvider.System"/>): it is the peer's time, not the service's.</para>
/// </remarks>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    /// <summary>Where Debian installs the binary.</summary>
    public const string DebianBinary = "/usr/bin/prometheus-alertmanager";

    private readonly string _folder;
    private readonly StringBuilder _log = new();
    private readonly object _logLock = new();
    private Process? _process;

    private AlertmanagerServer(string folder, Uri receiver, string? bearerToken)
    {
        _folder = folder;
        Receiver = receiver;
        BearerToken = bearerToken;
    }

    /// <summary>The port Alertmanager listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Alertmanager's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The webhook receiver's URL that Alertmanager notifies.</summary>
    public Uri Receiver { get; }

    /// <summary>The bearer token Alertmanager sends to the receiver, when one was given.</summary>
    public string? BearerToken { get; }

    /// <summary>The generated configuration file.</summary>
    public string ConfigPath => Path.Combine(_folder, "alertmanager.yml");

    /// <summary>Everything Alertmanager printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_logLock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Alertmanager, notifying <paramref name="receiver"/>, and waits until it is ready.</summary>
    /// <param name="receiver">The webhook receiver's URL (for the service: <c>…/webhooks/alertmanager</c>).</param>
    /// <param name="bearerToken">A token sent as <c>Authorization: Bearer …</c> with every notification, or
    /// <see langword="null"/> for none.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">The binary is missing (names the package to install), or the server
    /// exited while starting (quotes its log).</exception>
    public static Task<AlertmanagerServer> StartAsync(Uri receiver, string? bearerToken = null) => StartAsync(receiver, bearerToken, Find());

    /// <summary>Starts the Alertmanager at <paramref name="binary"/> (for the fixture's own test of a missing binary).</summary>
    /// <param name="receiver">The webhook receiver's URL.</param>
    /// <param name="bearerToken">A bearer token, or <see langword="null"/>.</param>
    /// <param name="binary">The binary, or <see langword="null"/> when none was found.</param>
    /// <returns>The running server.</returns>
    internal static async Task<AlertmanagerServer> StartAsync(Uri receiver, string? bearerToken, string? binary)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var found = (binary is not null && File.Exists(binary) ? binary : null)
            ?? throw new InvalidOperationException(
                "prometheus-alertmanager was not found (looked on PATH and at /usr/bin/prometheus-alertmanager): install the Debian package 'prometheus-alertmanager' (./test.sh installs it)");
        var server = new AlertmanagerServer(ServerProcess.NewTempFolder("incidentservice-alertmanager"), receiver, bearerToken);
        try
        {
            await File.WriteAllTextAsync(server.ConfigPath, Configuration(receiver, bearerToken));

            // The port is free only when asked; a server that exits while starting is tried again on another port.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartOnFreePortAsync(found);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && server._process is { HasExited: true })
                {
                    server._process.Dispose();
                    server._process = null;
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The configuration Alertmanager is started with: one route, one webhook receiver.</summary>
    /// <param name="receiver">The receiver's URL.</param>
    /// <param name="bearerToken">The bearer token, or <see langword="null"/>.</param>
    /// <returns>The YAML text.</returns>
    internal static string Configuration(Uri receiver, string? bearerToken)
    {
        var text = new StringBuilder()
            .AppendLine("route:")
            .AppendLine("  receiver: service")
            .AppendLine("  group_by: ['...']")
            .AppendLine("  group_wait: 1s")
            .AppendLine("  group_interval: 1s")
            .AppendLine("  repeat_interval: 1h")
            .AppendLine("receivers:")
            .AppendLine("  - name: service")
            .AppendLine("    webhook_configs:")
            .Append("      - url: '").Append(receiver.AbsoluteUri.Replace("'", "''", StringComparison.Ordinal)).AppendLine("'")
            .AppendLine("        send_resolved: true");
        if (bearerToken is not null)
        {
            text.AppendLine("        http_config:")
                .AppendLine("          authorization:")
                .AppendLine("            type: Bearer")
                .Append("            credentials: '").Append(bearerToken.Replace("'", "''", StringComparison.Ordinal)).AppendLine("'");
        }

        return text.ToString();
    }

    /// <summary>Posts alerts to Alertmanager's API (<c>POST /api/v2/alerts</c>).</summary>
    /// <param name="alerts">The alerts.</param>
    /// <returns>A task that completes when Alertmanager accepted them.</returns>
    /// <exception cref="InvalidOperationException">Alertmanager refused them; quotes its answer.</exception>
    public async Task PostAlertsAsync(params IReadOnlyList<PostedAlert> alerts)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.PostAsJsonAsync(new Uri("api/v2/alerts", UriKind.Relative), alerts);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Alertmanager refused the alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\nits log:\n{Tail()}");
        }
    }

    /// <summary>Posts a firing alert: started now, no end (Alertmanager keeps it firing until its resolve timeout).</summary>
    /// <param name="labels">The alert's labels; <c>alertname</c> among them, by Alertmanager's convention.</param>
    /// <param name="annotations">Its annotations, such as <c>summary</c>.</param>
    /// <returns>The alert as posted (post it again with <see cref="ResolveAsync"/> to resolve it).</returns>
    public async Task<PostedAlert> FireAsync(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var alert = new PostedAlert(labels, annotations ?? new Dictionary<string, string>(), TimeProvider.System.GetUtcNow(), null);
        await PostAlertsAsync(alert);
        return alert;
    }

    /// <summary>Resolves a posted alert: the same labels again with <c>endsAt</c> now, which Alertmanager reports to the
    /// receiver as <c>resolved</c>.</summary>
    /// <param name="alert">The alert as <see cref="FireAsync"/> posted it.</param>
    /// <returns>A task that completes when Alertmanager accepted it.</returns>
    public Task ResolveAsync(PostedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return PostAlertsAsync(alert with { EndsAt = TimeProvider.System.GetUtcNow() });
    }

    /// <summary>The last 8,000 characters of the log, for a failure message.</summary>
    /// <returns>The text.</returns>
    public string Tail()
    {
        var log = Log;
        return log.Length <= 8000 ? log : log[^8000..];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(ServerProcess.Deadline);
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process?.Dispose();
        var logPath = Path.Combine(_folder, "alertmanager.log");
        try
        {
            await File.WriteAllTextAsync(logPath, Log);
            ServerProcess.Keep(logPath, $"alertmanager-{Path.GetFileName(_folder)}.log");
        }
        catch (IOException)
        {
            // Keeping the log is a courtesy; it must not fail the test that is tearing down.
        }

        ServerProcess.RemoveFolder(_folder);
    }

    private static string? Find() =>
        File.Exists(DebianBinary) ? DebianBinary : ServerProcess.Find("prometheus-alertmanager") ?? ServerProcess.Find("alertmanager", "/usr/local/bin");

    private async Task StartOnFreePortAsync(string binary)
    {
        Port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={ConfigPath}",
                     $"--storage.path={Path.Combine(_folder, "data")}",
                     $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
                     "--cluster.listen-address=",
                     "--log.level=debug",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await ServerProcess.WaitUntilAsync(
            async () =>
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("-/ready", UriKind.Relative));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            dead: () => process.HasExited,
            failure: () => $"prometheus-alertmanager on 127.0.0.1:{Port}; its log:\n{Tail()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.AppendLine(line);
        }
    }
}
