using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace ChatOpsBot;

/// <summary>
/// One incident's log, held under an exclusive lock until disposed, and read as it is on disk.
/// </summary>
/// <remarks>
/// <para>An append writes whole lines, each ending in <c>\n</c>, and flushes them to disk before returning, so a
/// line without its <c>\n</c> can only be the tail of an append that a crash interrupted — nobody was told it
/// happened. Opening sets such a torn tail aside: its bytes are appended, as one line, to <c>ID.jsonl.torn</c>
/// (flushed first), the log is cut back to its last complete line, and <see cref="Torn"/> says so for the host to
/// report. It is never silently dropped and never half-applied.</para>
/// <para>A complete line that does not read (or a log the lifecycle rejects) is not a crash: it is
/// <see cref="Error"/>, and the log is left untouched for a person to look at.</para>
/// </remarks>
internal sealed class LockedLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly List<IncidentEvent> _events;

    private LockedLog(string incidentId, FileStream stream, List<IncidentEvent> events, TornTail? torn, EventLogError? error)
    {
        IncidentId = incidentId;
        _stream = stream;
        _events = events;
        Torn = torn;
        Error = error;
    }

    public string IncidentId { get; }

    /// <summary>The events on disk, oldest first (with the ones this lock appended).</summary>
    public IReadOnlyList<IncidentEvent> Events => _events;

    /// <summary>The torn last line set aside when the log was opened, or null.</summary>
    public TornTail? Torn { get; }

    /// <summary>Why the log cannot be read, or null.</summary>
    public EventLogError? Error { get; }

    internal static LockedLog Open(string path, string incidentId, FileStream stream)
    {
        try
        {
            var bytes = new byte[stream.Length];
            stream.Position = 0;
            stream.ReadExactly(bytes);
            var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            TornTail? torn = null;
            if (end < bytes.Length)
            {
                torn = SetAside(path, stream, bytes.AsSpan(end), end);
            }

            EventLogJson.TryParse(Encoding.UTF8.GetString(bytes, 0, end), out var read, out var errors);
            stream.Position = end;
            return new LockedLog(incidentId, stream, [.. read.Events], torn, errors.Count > 0 ? errors[0] : null);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends events as JSON Lines and flushes them to disk.</summary>
    /// <exception cref="InvalidOperationException">The log is broken (<see cref="Error"/>).</exception>
    public void Append(IReadOnlyList<IncidentEvent> events)
    {
        if (Error is not null)
        {
            throw new InvalidOperationException($"the log of {IncidentId} is broken: {Error}");
        }

        if (events.Count == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(EventLogJson.SerializeLines(events));
        _stream.Write(bytes);
        _stream.Flush(flushToDisk: true);
        _events.AddRange(events);
    }

    public void Dispose() => _stream.Dispose();

    private static TornTail SetAside(string path, FileStream stream, ReadOnlySpan<byte> tail, long offset)
    {
        var asidePath = path + ".torn";
        using (var aside = new FileStream(asidePath, FileMode.Append, FileAccess.Write, FileShare.None))
        {
            aside.Write(tail);
            aside.WriteByte((byte)'\n');
            aside.Flush(flushToDisk: true);
        }

        stream.SetLength(offset);
        stream.Flush(flushToDisk: true);
        return new TornTail(offset, tail.Length, asidePath);
    }
}

/// <summary>A torn last line: where it started in the log, how many bytes it had, and the file it was moved to.</summary>
internal sealed record TornTail(long Offset, int Length, string SetAsideIn);
