using System.Runtime.CompilerServices;

namespace IncidentPolicy.Primitives;

/// <summary>
/// Counts, per thread, the steps of the loops whose length grows with an input — events folded, obligations looked
/// at, Markdown lines read — so that tests can hold the library's cost to linear growth in the input's size by
/// counting work instead of timing it. Adding is one thread-local addition per loop, not per step.
/// </summary>
internal static class WorkMeter
{
    [ThreadStatic]
    private static long t_steps;

    /// <summary>The steps counted on this thread so far.</summary>
    public static long Steps => t_steps;

    /// <summary>Counts <paramref name="steps"/> more steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(long steps) => t_steps += steps;
}
