using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IncidentPolicy.Orleans.Tests.Servers;

/// <summary>What the real-server fixtures share: finding binaries, free ports, temporary folders, running a command
/// (as an unprivileged user when the tests run as root) and waiting on a condition with a deadline.</summary>
internal static class ServerProcess
{
    /// <summary>How long a server may take to start or stop before the fixture gives up.</summary>
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    internal static bool IsRoot => Environment.UserName == "root" || GetUid() == 0;

    /// <summary>Finds an executable on PATH, then in the extra folders (in order); null when it is nowhere.</summary>
    internal static string? Find(string name, params IEnumerable<string> extraFolders)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraFolders))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A loopback port nobody listens on now (the OS picks it).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static string NewTempFolder(string prefix)
    {
        // As root the folder is handed to an unprivileged user, who must be able to reach it: /tmp is open to all,
        // while a TMPDIR under root's home may not be.
        var parent = IsRoot ? "/tmp" : Path.GetTempPath();
        var folder = Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs a command to its end and answers its exit code and output; as <paramref name="user"/> through
    /// <c>runuser</c> when one is given.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? user = null)
    {
        var start = new ProcessStartInfo
        {
            FileName = user is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {Deadline.TotalSeconds} s");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Polls <paramref name="ready"/> until it answers true, failing with <paramref name="failure"/>'s text when
    /// <paramref name="dead"/> says the server is gone or the deadline passes.</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> ready, Func<bool> dead, Func<string> failure)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await ready())
        {
            if (dead())
            {
                throw new InvalidOperationException("the server exited while starting. " + failure());
            }

            if (stopwatch.Elapsed > Deadline)
            {
                throw new TimeoutException($"the server did not answer within {Deadline.TotalSeconds} s. " + failure());
            }

            // A short pause between polls; the wait itself is bounded by the condition and the deadline.
            await Task.Delay(50);
        }
    }

    /// <summary>Reads a server log for a failure message (the last 8,000 characters, from byte
    /// <paramref name="from"/> on).</summary>
    internal static string Tail(string path, long from = 0)
    {
        try
        {
            if (!File.Exists(path))
            {
                return "";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length <= 8000 ? text : text[^8000..];
        }
        catch (IOException e)
        {
            return $"(log {path} unreadable: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(log {path} unreadable: {e.Message})";
        }
    }

    /// <summary>Copies a server's log beside the test assembly, so it is kept after the temporary folder is removed.</summary>
    internal static string Keep(string logPath, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "server-logs");
        Directory.CreateDirectory(folder);
        var kept = Path.Combine(folder, name);
        if (File.Exists(logPath))
        {
            File.Copy(logPath, kept, overwrite: true);
        }

        return kept;
    }

    internal static void RemoveFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temporary-file cleanup; a leftover folder must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static uint GetUid()
    {
        try
        {
            var status = File.ReadAllLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            return status is null ? uint.MaxValue : uint.Parse(status.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return uint.MaxValue;
        }
    }
}
