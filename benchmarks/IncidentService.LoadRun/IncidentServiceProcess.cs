using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using IncidentPolicy.Orleans.Tests.Servers;

namespace IncidentService.LoadRun;

/// <summary>
/// The service under load: its own Release build output run as <c>dotnet IncidentService.dll</c> in a child process, on
/// a free loopback port, configured only through environment variables (<c>IncidentService__…</c>, the log level),
/// in the <c>Production</c> environment so nothing from <c>appsettings.Development.json</c> or the caller's environment
/// changes what is measured. Its output is drained continuously (the last lines kept for failure messages).
/// </summary>
/// <remarks>Not thread-safe apart from <see cref="Output"/> and <see cref="Lines"/>.</remarks>
internal sealed class IncidentServiceProcess : IAsyncDisposable
{
    private readonly Queue<string> _tail = new();
    private readonly Process _process;
    private long _lines;

    private IncidentServiceProcess(Uri address, Process process)
    {
        Address = address;
        _process = process;
    }

    /// <summary>The service's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the service process has used so far (all its threads); zero once it has exited.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>How many lines the service wrote (logs at Warning and above, plus its start-up banner).</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>The service's last 40 lines of output.</summary>
    public string Output
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> (keys below the <c>IncidentService</c> section,
    /// written with <c>:</c>) and waits until its <c>/readyz</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">The binary is missing, or the service exited or did not become ready
    /// within the deadline (its output is in the message).</exception>
    public static async Task<IncidentServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings, HttpClient probe)
    {
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
        foreach (var inherited in start.Environment.Keys
                     .Where(k => k.StartsWith("IncidentService__", StringComparison.OrdinalIgnoreCase)
                                 || k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
                                 || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
                     .ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Warning and above only, so that logging does not dominate what is measured; pages with no webhook configured
        // are still written (one line each, at Warning).
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment["IncidentService__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} {dll}");
        var service = new IncidentServiceProcess(address, process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ServerProcess.WaitUntilAsync(
                () => service.IsReadyAsync(probe),
                dead: () => process.HasExited,
                failure: () => $"the service ({dll}) on {address}; its last output:\n{service.Output}");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await service.DisposeAsync();
            throw new InvalidOperationException(e.Message, e);
        }

        return service;
    }

    /// <summary>Stops the service: a polite stop first (SIGTERM, as <c>docker stop</c> or systemd send), a kill after
    /// 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // .NET has no SIGTERM API; `kill` is in every Debian base image.
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }

            using var polite = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(polite.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private async Task<bool> IsReadyAsync(HttpClient probe)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await probe.GetAsync(new Uri(Address, "readyz"), timeout.Token);
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

        Interlocked.Increment(ref _lines);
        lock (_tail)
        {
            _tail.Enqueue(line.Length <= 2000 ? line : line[..2000] + "…");
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>The service's build output, as the service project answered <c>GetTargetPath</c> when this run was built
    /// (the project reference builds it first, in the same configuration).</summary>
    private static string ServiceBinary()
    {
        var dll = typeof(IncidentServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "IncidentServiceBinary")?.Value;
        if (string.IsNullOrEmpty(dll))
        {
            throw new InvalidOperationException("this build does not say where the service's build output is (assembly metadata IncidentServiceBinary): rebuild with dotnet run -c Release --project benchmarks/IncidentService.LoadRun");
        }

        return File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))
            ? dll
            : throw new InvalidOperationException($"the service's build output {dll} (and its runtimeconfig) was not found: run through dotnet run -c Release --project benchmarks/IncidentService.LoadRun, which builds it");
    }

    /// <summary>The <c>dotnet</c> host: the one the SDK names (<c>DOTNET_HOST_PATH</c>), else the one under
    /// <c>DOTNET_ROOT</c>, else the one on PATH or in the usual folders.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return ServerProcess.Find("dotnet", "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/bin")
            ?? throw new InvalidOperationException("the dotnet host was not found (DOTNET_HOST_PATH, DOTNET_ROOT, PATH)");
    }
}
