using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Testing;
using Xunit.Abstractions;

namespace IncidentPolicy.Testing.Tests;

/// <summary>Counts the histories a test generates and reports them as <c>generated histories: N</c>, a line
/// <c>.ci/run</c> adds up from the test results.</summary>
internal sealed class HistoryCounter(ITestOutputHelper output)
{
    private int _count;

    public int Count => _count;

    public Gen<IncidentHistory> Counted(Gen<IncidentHistory> histories) =>
        histories.Select(h =>
        {
            Interlocked.Increment(ref _count);
            return h;
        });

    public void Report()
    {
        if (_count > 0)
        {
            output.WriteLine($"generated histories: {_count}");
        }
    }
}
