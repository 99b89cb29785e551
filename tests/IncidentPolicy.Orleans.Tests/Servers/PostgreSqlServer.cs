using Npgsql;

namespace IncidentPolicy.Orleans.Tests.Servers;

/// <summary>
/// A real PostgreSQL server for one test run: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on 127.0.0.1
/// and a free port (its unix socket in the same folder), a test database, and <c>pg_ctl stop -m fast</c> after. When
/// the tests run as root the server runs as the unprivileged user <c>postgres</c>, because <c>initdb</c> refuses root.
/// </summary>
/// <remarks>A missing binary or user fails the fixture with what to install (never a skipped test). The server's log
/// is copied to <c>server-logs/</c> beside the test assembly when it stops, and quoted in every start failure.</remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The unprivileged user the server runs as when the tests run as root.</summary>
    public const string ServiceUser = "postgres";

    /// <summary>The database the fixture creates for the tests.</summary>
    public const string Database = "incident_policy_tests";

    private string? _folder;
    private string? _binaries;
    private long _logStart;

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Whether the server flushes each commit to disk (PostgreSQL's defaults: <c>fsync</c> and
    /// <c>full_page_writes</c> on). Tests leave it off, which is faster and loses nothing unless the machine itself
    /// crashes; load runs whose numbers are recorded turn it on.</summary>
    public bool FlushesToDisk { get; init; }

    /// <summary>A connection string to <see cref="Database"/> as the superuser <c>postgres</c>.</summary>
    public string ConnectionString => ConnectionStringFor(Database);

    /// <summary>The server's log file (inside the temporary folder while the server runs).</summary>
    public string LogPath => Path.Combine(Folder, "server.log");

    /// <summary>Whether the server is running (started and not stopped or killed since).</summary>
    public bool IsRunning { get; private set; }

    private string Folder => _folder ?? throw new InvalidOperationException("the server has not been started");

    private string DataFolder => Path.Combine(Folder, "data");

    private string? RunAs => ServerProcess.IsRoot ? ServiceUser : null;

    /// <summary>A connection string to another database of this server.</summary>
    /// <param name="database">The database's name.</param>
    /// <returns>The connection string (no password: the server trusts loopback connections).</returns>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            Pooling = true,
            MaxPoolSize = 50,
            Timeout = 15,
        }.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var initdb = ServerProcess.Find("initdb", PostgreSqlFolders())
            ?? throw new InvalidOperationException(
                "PostgreSQL's initdb was not found on PATH, in /usr/local/bin or in /usr/lib/postgresql/*/bin: install the Debian package 'postgresql' (./test.sh installs it)");
        _binaries = Path.GetDirectoryName(initdb)!;
        if (!File.Exists(Path.Combine(_binaries, "pg_ctl")))
        {
            throw new InvalidOperationException($"pg_ctl was not found beside {initdb}: install the Debian package 'postgresql' (./test.sh installs it)");
        }

        if (RunAs is { } user && (await ServerProcess.RunAsync("id", [user])).ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"the tests run as root and initdb refuses root, but there is no user '{user}' to run PostgreSQL as: run ./test.sh (it creates the user) or install the Debian package 'postgresql'");
        }

        _folder = ServerProcess.NewTempFolder("incidentpolicy-postgres");
        if (RunAs is { } owner)
        {
            await MustAsync("chown", ["-R", $"{owner}:", Folder], asUser: false);
        }

        await MustAsync(
            Path.Combine(_binaries, "initdb"),
            ["-D", DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            asUser: true);
        await StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(ConnectionStringFor("postgres"));
        await using var command = dataSource.CreateCommand($"CREATE DATABASE {Database}");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/> or <see cref="KillAsync"/>) on a new free port
    /// and waits until it accepts connections.</summary>
    /// <returns>A task that completes when the server answers.</returns>
    public async Task StartAsync()
    {
        // The free port is only free when asked; another process may take it first, so a start that cannot bind
        // tries again on another port (three times at most).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnFreePortAsync();
                IsRunning = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ServerProcess.Tail(LogPath, _logStart).Contains("could not bind", StringComparison.Ordinal))
            {
            }
        }
    }

    private async Task StartOnFreePortAsync()
    {
        Port = ServerProcess.FreePort();
        _logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
        // fsync off only loses data when the machine itself crashes; a killed server keeps every commit. A load run
        // that measures for the record asks for PostgreSQL's defaults (FlushesToDisk).
        var flushing = FlushesToDisk ? "" : " -c fsync=off -c full_page_writes=off";
        var options = $"-p {Port} -h 127.0.0.1 -k {Folder} -c max_connections=300{flushing}";
        await MustAsync(Path.Combine(_binaries!, "pg_ctl"), ["start", "-D", DataFolder, "-l", LogPath, "-W", "-o", options], asUser: true);
        await ServerProcess.WaitUntilAsync(
            AcceptsConnectionsAsync,
            dead: () => !File.Exists(Path.Combine(DataFolder, "postmaster.pid")) && LogShowsExit(),
            failure: () => $"PostgreSQL on 127.0.0.1:{Port}; its log ({LogPath}):\n{ServerProcess.Tail(LogPath)}");
    }

    /// <summary>Stops the server the way an operator does (<c>pg_ctl stop -m fast</c>: sessions are ended, the data is
    /// kept).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync() => StopAsync("fast");

    /// <summary>Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>: no shutdown checkpoint).</summary>
    /// <returns>A task that completes when the server is gone.</returns>
    public Task KillAsync() => StopAsync("immediate");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            if (IsRunning)
            {
                await StopAsync();
            }
        }
        finally
        {
            ServerProcess.Keep(LogPath, $"postgresql-{Path.GetFileName(Folder)}.log");
            ServerProcess.RemoveFolder(Folder);
        }
    }

    private static IEnumerable<string> PostgreSqlFolders()
    {
        yield return "/usr/local/bin";
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var version in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(NumericVersion))
            {
                yield return Path.Combine(version, "bin");
            }
        }
    }

    private static int NumericVersion(string folder) =>
        int.TryParse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;

    // Reads only what this start wrote: the log is appended to across restarts.
    private bool LogShowsExit()
    {
        var log = ServerProcess.Tail(LogPath, _logStart);
        return log.Contains("FATAL", StringComparison.Ordinal) || log.Contains("database system is shut down", StringComparison.Ordinal);
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task StopAsync(string mode)
    {
        IsRunning = false;
        NpgsqlConnection.ClearAllPools();
        await MustAsync(Path.Combine(_binaries!, "pg_ctl"), ["stop", "-D", DataFolder, "-m", mode, "-w", "-t", "60"], asUser: true);
    }

    private async Task MustAsync(string file, IEnumerable<string> arguments, bool asUser)
    {
        var (exitCode, output) = await ServerProcess.RunAsync(file, arguments, asUser ? RunAs : null);
        if (exitCode != 0)
        {
            var log = _folder is not null && File.Exists(LogPath) ? $"\nserver log ({LogPath}):\n{ServerProcess.Tail(LogPath)}" : "";
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}{log}");
        }
    }
}
