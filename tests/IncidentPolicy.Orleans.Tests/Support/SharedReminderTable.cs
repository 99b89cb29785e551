using Orleans;
using Orleans.Runtime;

namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>
/// A reminder table held by the test process and shared by every silo of a test cluster. Orleans' own in-memory table
/// lives in a grain on one silo, so killing that silo would lose every reminder — the opposite of what a lost-silo
/// test must show. This one survives losing any silo, as Redis or a database table does in production.
/// </summary>
internal sealed class SharedReminderTable : IReminderTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _rows = [];
    private long _etag;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_gate)
        {
            return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));
        }
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        lock (_gate)
        {
            return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList()));
        }
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null);
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        lock (_gate)
        {
            var copy = Copy(entry);
            copy.ETag = (++_etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = copy;
            return Task.FromResult<string?>(copy.ETag);
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag)
            {
                _rows.Remove((grainId, reminderName));
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_gate)
        {
            _rows.Clear();
        }

        return Task.CompletedTask;
    }

    /// <summary>The ring range (begin, end], wrapping past the top; begin == end is the whole ring.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry row) => new()
    {
        GrainId = row.GrainId, ReminderName = row.ReminderName, StartAt = row.StartAt, Period = row.Period, ETag = row.ETag,
    };
}
