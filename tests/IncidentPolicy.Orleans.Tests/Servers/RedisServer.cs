using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace IncidentPolicy.Orleans.Tests.Servers;

/// <summary>
/// A real <c>redis-server</c> for one test run: on 127.0.0.1 and a free port, without persistence (<c>--save ''</c>,
/// <c>--appendonly no</c>), its working folder and log in a temporary folder; ready once it answers <c>PING</c>; stopped
/// after.
/// </summary>
/// <remarks>A missing <c>redis-server</c> fails the fixture naming the Debian package (never a skipped test). The log is
/// copied to <c>server-logs/</c> beside the test assembly when the server stops, and quoted in every start failure.</remarks>
public sealed class RedisServer : IAsyncLifetime
{
    private string? _folder;
    private Process? _process;

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string for the server (<c>127.0.0.1:PORT</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The server's log file.</summary>
    public string LogPath => Path.Combine(_folder ?? throw new InvalidOperationException("the server has not been started"), "redis.log");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var redis = ServerProcess.Find("redis-server", "/usr/local/bin", "/usr/bin", "/usr/sbin")
            ?? throw new InvalidOperationException("redis-server was not found: install the Debian package 'redis-server' (./test.sh installs it)");
        _folder = ServerProcess.NewTempFolder("incidentpolicy-redis");

        // The free port is only free when asked; another process may take it first, so a server that exits while
        // starting is tried again on another port (three times at most).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnFreePortAsync(redis);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _process is { HasExited: true })
            {
                _process.Dispose();
                _process = null;
            }
        }
    }

    private async Task StartOnFreePortAsync(string redis)
    {
        Port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(redis)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--save", "", "--appendonly", "no", "--dir", _folder!, "--logfile", LogPath, "--daemonize", "no",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {redis}");
        _process = process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ServerProcess.WaitUntilAsync(
            AnswersPingAsync,
            dead: () => process.HasExited,
            failure: () => $"redis-server on 127.0.0.1:{Port}; its log ({LogPath}):\n{ServerProcess.Tail(LogPath)}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(ServerProcess.Deadline);
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process?.Dispose();
        if (_folder is not null)
        {
            ServerProcess.Keep(LogPath, $"redis-{Path.GetFileName(_folder)}.log");
            ServerProcess.RemoveFolder(_folder);
        }
    }

    /// <summary>Sends one command in Redis's protocol over a fresh connection and answers the first line of the reply.</summary>
    /// <param name="arguments">The command and its arguments, such as <c>PING</c>.</param>
    /// <returns>The reply's first line, such as <c>+PONG</c>.</returns>
    public async Task<string> SendAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync("127.0.0.1", Port, deadline.Token);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), deadline.Token);
        var buffer = new byte[512];
        var reply = new StringBuilder();
        while (!reply.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = reply.ToString();
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            return await SendAsync("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
