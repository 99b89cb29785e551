using System.Diagnostics;
using System.Globalization;
using System.Text;
using IncidentPolicy.Orleans.Tests.Servers;

namespace IncidentService.Tests.TwoNodes;

/// <summary>
/// One real process of the built service (<c>dotnet samples/IncidentService/bin/CONFIG/net10.0/IncidentService.dll</c>)
/// in durable mode, configured only through environment variables, on its own free loopback HTTP, silo and gateway
/// ports. Its console output is kept (for failure messages, and copied to <c>server-logs/</c> when it stops).
/// </summary>
/// <remarks>Not thread-safe apart from <see cref="Output"/>, which may be read while the process writes.</remarks>
public sealed class ServiceNode : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private ServiceNode(string name, Uri address, Process process)
    {
        Name = name;
        Address = address;
        _process = process;
    }

    /// <summary>The node's name in the test (<c>a</c>, <c>b</c>).</summary>
    public string Name { get; }

    /// <summary>The node's HTTP base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Whether the process has exited (or was killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The node's console output so far (the last 8,000 characters), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length <= 8000 ? text : text[^8000..];
            }
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> as <c>IncidentService__…</c> environment variables
    /// (keys written with <c>:</c>), and waits until its <c>/readyz</c> answers 200.</summary>
    /// <param name="name">The node's name in the test.</param>
    /// <param name="settings">The service's configuration, below the <c>IncidentService</c> section.</param>
    /// <param name="http">A client for the readiness polls.</param>
    /// <returns>The ready node.</returns>
    public static async Task<ServiceNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        var dll = ServiceBinary();
        var port = ServerProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));

        // Production, not whatever the test runner has: appsettings.Development.json is not this test's configuration.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("IncidentService__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment["IncidentService__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} {dll}");
        var node = new ServiceNode(name, address, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ServerProcess.WaitUntilAsync(
                () => node.IsReadyAsync(http),
                dead: () => process.HasExited,
                failure: () => $"service node {name} on {address}; its output:\n{node.Output}");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Kills the process and its children at once, as a crash or <c>kill -9</c> would: no shutdown, no
    /// leaving the cluster politely.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(ServerProcess.Deadline);
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "server-logs");
            Directory.CreateDirectory(folder);
            string text;
            lock (_output)
            {
                text = _output.ToString();
            }

            await File.WriteAllTextAsync(Path.Combine(folder, $"two-nodes-{Name}-{Address.Port.ToString(CultureInfo.InvariantCulture)}.log"), text);
            _process.Dispose();
        }
    }

    private async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync(new Uri(Address, "readyz"), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The service's own build output: the test project references it, so it is built, in the same
    /// configuration as the tests (<c>tests/IncidentService.Tests/bin/CONFIG/net10.0</c> →
    /// <c>samples/IncidentService/bin/CONFIG/net10.0/IncidentService.dll</c>), with its runtimeconfig beside it.</summary>
    private static string ServiceBinary()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name
            ?? throw new InvalidOperationException($"cannot tell the build configuration from {output.FullName}");
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "samples", "IncidentService");
            if (File.Exists(Path.Combine(project, "IncidentService.csproj")))
            {
                var dll = Path.Combine(project, "bin", configuration, framework, "IncidentService.dll");
                return File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))
                    ? dll
                    : throw new InvalidOperationException($"{dll} (and its runtimeconfig) was not found: build samples/IncidentService in {configuration} first (building the test project does it).");
            }
        }

        throw new InvalidOperationException($"samples/IncidentService was not found above {output.FullName}");
    }

    /// <summary>The <c>dotnet</c> host that runs the tests (the SDK sets <c>DOTNET_HOST_PATH</c>), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : ServerProcess.Find("dotnet", "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/bin")
              ?? throw new InvalidOperationException("the dotnet host was not found on PATH (nor DOTNET_HOST_PATH)");
}
