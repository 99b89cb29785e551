using System.Text;
using IncidentPolicy.Lifecycle;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Hostile values for the hostile-input suite, drawn from a seeded <see cref="Random"/> so every run generates the
/// same cases: texts that are not valid Unicode, hold control characters or pass the size limits; instants and dates
/// at, just inside and just outside the supported range and the ends of NodaTime's; decimals at their extremes.
/// </summary>
internal sealed class Hostile(int seed)
{
    private readonly Random _random = new(seed);

    public Random Random => _random;

    public int Next(int max) => _random.Next(max);

    public bool Chance(int percent) => _random.Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static readonly string[] Pieces =
    [
        "checkout errors", "alex", "sarah", "SEV-1", "on-call-engineer", "AI-1", "escalate:x#1", "ü", "日本語", "😀",
        "\uD83D", "\uDE00", "\u0000", "\u0001", "\u001B", "\u007F", "\u0085", "\n", "\r\n", "\t", "\"", "\\", "\uFEFF",
        "\uFFFE", "\uFFFF", "\u202E", "\u200D", "e\u0301", " ", "  ", "{\"type\":\"closed\"}", "</script>", "%s", "\u2028",
    ];

    /// <summary>A text of a few hostile pieces; now and then one just over a size limit.</summary>
    public string Text()
    {
        switch (_random.Next(40))
        {
            case 0:
                return new string('x', Limits.MaxIdLength + _random.Next(-1, 2));
            case 1:
                return new string('y', Limits.MaxTextLength + _random.Next(-1, 2));
            case 2:
                return "";
        }

        var text = new StringBuilder();
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pick(Pieces));
        }

        return text.ToString();
    }

    /// <summary>A text that is usually harmless and sometimes hostile, so command sequences get far.</summary>
    public string MostlyPlain(string plain) => Chance(80) ? plain : Text();

    private static readonly Instant[] EdgeInstants =
    [
        Instant.MinValue, Instant.FromUtc(1, 1, 1, 0, 0), Limits.MinInstant - Duration.Epsilon, Limits.MinInstant,
        Limits.MaxInstant, Limits.MaxInstant + Duration.Epsilon, Limits.LatestResult, Instant.FromUtc(9999, 12, 31, 23, 59, 59),
        Instant.MaxValue,
    ];

    /// <summary>An instant near the ends of the supported range, or outside it.</summary>
    public Instant EdgeInstant() =>
        _random.Next(3) switch
        {
            0 => Pick(EdgeInstants),
            1 => Limits.MaxInstant - Duration.FromMinutes(_random.Next(0, 7 * 24 * 60)),
            _ => Limits.MinInstant + Duration.FromMinutes(_random.Next(0, 7 * 24 * 60)),
        };

    /// <summary>An instant inside the supported range, often near an end.</summary>
    public Instant InRangeInstant() =>
        _random.Next(4) switch
        {
            0 => Limits.MaxInstant - Duration.FromSeconds(_random.Next(0, 30 * 24 * 3600)),
            1 => Limits.MinInstant + Duration.FromSeconds(_random.Next(0, 30 * 24 * 3600)),
            _ => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(_random.Next(0, 2 * 366 * 24 * 60)),
        };

    private static readonly LocalDate[] EdgeDates =
    [
        new(1, 1, 1), new(1899, 12, 31), Limits.MinDate, Limits.MaxDate, new(2201, 1, 1), new(9999, 12, 31), default,
        new(2026, 6, 5), new(2026, 2, 28),
    ];

    public LocalDate Date() => Pick(EdgeDates);

    private static readonly decimal[] Decimals = [decimal.MaxValue, decimal.MinValue, 0m, -0.0000000000000000000000000001m, 47000m, 1.50m];

    public decimal Decimal() => Pick(Decimals);

    private static readonly string[] ZoneIds =
    [
        "UTC", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe", "Asia/Kolkata",
        "Europe/Berlin", "America/Chicago", "Pacific/Apia", "Asia/Kathmandu",
    ];

    public DateTimeZone Zone() => DateTimeZoneProviders.Tzdb[Pick(ZoneIds)];
}

/// <summary>Counts the cases a hostile test runs and reports them as <c>hostile cases: N</c>, a line CI adds up
/// across the test results.</summary>
internal sealed class HostileCount(ITestOutputHelper output) : IDisposable
{
    public int Cases { get; private set; }

    public void Add(int cases = 1) => Cases += cases;

    public void Dispose() => output.WriteLine($"hostile cases: {Cases}");
}

/// <summary>What the suite asserts of every call: it returns, or throws only what its documentation names.</summary>
internal static class Documented
{
    /// <summary>Runs <paramref name="call"/>; an exception of a type not in <paramref name="allowed"/> fails the test with
    /// the case that caused it.</summary>
    public static T? Call<T>(string what, Func<T> call, string @case, params Type[] allowed)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (!allowed.Any(t => t.IsInstanceOfType(e)))
        {
            throw new Xunit.Sdk.XunitException($"{what} threw {e.GetType().Name}: {e.Message}\ncase: {@case}\n{e.StackTrace}");
        }
        catch (Exception)
        {
            return default;
        }
    }

    /// <summary>A short, printable description of a text for failure messages.</summary>
    public static string Show(string? text) =>
        text is null ? "null"
        : text.Length > 80 ? $"\"{Escape(text[..40])}…\" ({text.Length} chars)"
        : $"\"{Escape(text)}\"";

    private static string Escape(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            shown.Append(c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return shown.ToString();
    }

    /// <summary>An event as a failure message shows it.</summary>
    public static string Show(IncidentEvent e) => Show(e.ToString());
}
