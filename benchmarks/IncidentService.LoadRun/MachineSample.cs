using System.Globalization;
using System.Runtime.InteropServices;

namespace IncidentService.LoadRun;

/// <summary>The machine's CPU counters at one instant (Linux <c>/proc/stat</c>), for how busy all cores were over the
/// window; and a description of the machine.</summary>
internal readonly record struct MachineSample(long BusyTicks, long TotalTicks)
{
    /// <summary>The CPU counters now; zeros where <c>/proc/stat</c> cannot be read.</summary>
    public static MachineSample Now()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            // idle and iowait are the time no work ran.
            return new MachineSample(total - fields[3] - fields[4], total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Cores busy on average between <paramref name="before"/> and this sample (all processes of the machine).</summary>
    public double CoresBusySince(MachineSample before) =>
        TotalTicks == before.TotalTicks ? double.NaN : (double)(BusyTicks - before.BusyTicks) / (TotalTicks - before.TotalTicks) * Environment.ProcessorCount;

    /// <summary>Cores, CPU model, OS, .NET and the load average now, on one line.</summary>
    public static string Describe()
    {
        var model = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var load = Read("/proc/loadavg")?.Split(' ').Take(3) is { } parts ? string.Join(' ', parts) : "unknown";
        return $"{Environment.ProcessorCount} cores ({model}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {load}";
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
