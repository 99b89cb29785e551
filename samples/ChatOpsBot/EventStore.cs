using System.Text.RegularExpressions;

namespace ChatOpsBot;

/// <summary>
/// Event logs in a folder, one JSON Lines file per incident (<c>INC-….jsonl</c>) in the library's format. Every read
/// and write of a log happens under an exclusive lock on its file (<see cref="FileShare.None"/>), which other
/// threads and other bot processes on the same machine respect; see <see cref="LockedLog"/>.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>The file extension of event logs.</summary>
    public const string Extension = ".jsonl";

    private readonly TimeSpan _lockTimeout;

    public EventStore(string directory, TimeSpan? lockTimeout = null)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>A seam for tests: runs before <see cref="Append"/> takes the lock, where another writer may get in.</summary>
    internal Action<string>? BeforeAppend { get; set; }

    /// <summary>The folder of the logs.</summary>
    public string Directory { get; }

    /// <summary>The log file of an incident.</summary>
    public string PathOf(string incidentId) => Path.Combine(Directory, incidentId + Extension);

    /// <summary>The ids of the incidents with a log in the folder, in ordinal order.</summary>
    public IReadOnlyList<string> IncidentIds() =>
        System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(IsIncidentId)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether <paramref name="id"/> can name a log file: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</summary>
    public static bool IsIncidentId(string id) => IdPattern().IsMatch(id);

    /// <summary>Locks an existing incident's log, waiting (bounded) while another writer holds it, and reads it.</summary>
    /// <exception cref="FileNotFoundException">There is no such log.</exception>
    /// <exception cref="TimeoutException">Another writer held the lock for longer than the timeout.</exception>
    public LockedLog Lock(string incidentId) => LockedLog.Open(PathOf(incidentId), incidentId, Acquire(incidentId, FileMode.Open)!);

    /// <summary>Creates a new log and holds its lock, or returns null when the incident already has one.</summary>
    public LockedLog? TryCreate(string incidentId) =>
        Acquire(incidentId, FileMode.CreateNew) is { } stream ? LockedLog.Open(PathOf(incidentId), incidentId, stream) : null;

    /// <summary>Appends <paramref name="events"/> when the log holds exactly <paramref name="expectedVersion"/> events,
    /// checked under the lock; otherwise answers the conflict with the log as it is.</summary>
    public AppendResult Append(string incidentId, int expectedVersion, IReadOnlyList<IncidentPolicy.Lifecycle.IncidentEvent> events)
    {
        BeforeAppend?.Invoke(incidentId);
        using var log = Lock(incidentId);
        if (log.Error is not null)
        {
            return new AppendResult(false, log.Events, log.Error.ToString());
        }

        if (log.Events.Count != expectedVersion)
        {
            return new AppendResult(false, log.Events, null);
        }

        log.Append(events);
        return new AppendResult(true, log.Events, null);
    }

    private FileStream? Acquire(string incidentId, FileMode mode)
    {
        if (!IsIncidentId(incidentId))
        {
            throw new ArgumentException($"'{incidentId}' is not a valid incident id", nameof(incidentId));
        }

        var path = PathOf(incidentId);
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException) when (mode == FileMode.CreateNew && File.Exists(path))
            {
                return null;
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && waited < _lockTimeout)
            {
                // Another thread or process holds the lock: the sample may wait, the library never does.
                Thread.Sleep(pause);
                waited += pause;
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 50));
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new TimeoutException($"the log of {incidentId} stayed locked for {_lockTimeout.TotalSeconds:0.#} s", e);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}

/// <summary>The outcome of <see cref="EventStore.Append"/>: appended, or not (a version conflict, or a broken log
/// named by <paramref name="Broken"/>), with the log as it now is.</summary>
internal sealed record AppendResult(bool Appended, IReadOnlyList<IncidentPolicy.Lifecycle.IncidentEvent> Events, string? Broken);
