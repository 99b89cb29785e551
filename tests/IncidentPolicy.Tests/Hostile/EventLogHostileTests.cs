using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Mutations of the seed's real event log, in both forms — values replaced by hostile JSON (escaped surrogates and
/// control characters, numbers past decimal's range, impossible and out-of-range dates and instants, wrong types),
/// characters cut or repeated, lines swapped, duplicated or torn — through the reader: it never throws, what it
/// accepts round-trips through the writer unchanged, and a lenient replay and an audit of it answer.
/// </summary>
public class EventLogHostileTests(ITestOutputHelper output)
{
    private static readonly string[] HostileValues =
    [
        "\"\\ud800\"", "\"\\udfff x\"", "\"\\u0000\"", "\"a\\u0001b\"", "\"\"", "\"   \"", "null", "true", "[]", "{}",
        "1e400", "-0", "79228162514264337593543950336", "0.0000000000000000000000000001", "1E-30", "12345678901234567890123456789",
        "\"0000-01-01\"", "\"2026-02-30\"", "\"9999-12-31\"", "\"1899-12-31\"", "\"2200-12-31\"", "\"9999-12-31T23:59:59Z\"",
        "\"1899-12-31T23:59:59.999999999Z\"", "\"2200-12-31T23:59:59.999999999Z\"", "\"2026-05-29T04:02:00+01:00\"",
        "\"2026-05-29T24:00Z\"", "\"+12026-05-29T04:02Z\"", "\"wontDo\"", "\"external\"", "\"commanderAssigned\"",
        "\"😀\"", "\"\\ud83d\\ude00\"", "\"" + new string('x', 300) + "\"",
    ];

    private static readonly string Document = File.ReadAllText(RepositoryRoot.File("samples", "timelines", "checkout-outage-2026-05-29.json"));

    private static readonly string Lines = EventLogJson.SerializeLines(EventLogJson.Parse(Document).Events);

    internal static string Mutate(Hostile h, string text)
    {
        var mutated = new StringBuilder(text);
        for (var m = 1 + h.Next(3); m > 0; m--)
        {
            var s = mutated.ToString();
            switch (h.Next(6))
            {
                case 0 or 1:
                    // Replace a value: the text after a colon up to the next comma or closing brace.
                    var colon = s.IndexOf(':', h.Next(Math.Max(1, s.Length)));
                    if (colon < 0)
                    {
                        break;
                    }

                    var end = s.IndexOfAny([',', '}', '\n'], colon + 1);
                    if (end < 0)
                    {
                        break;
                    }

                    mutated.Remove(colon + 1, end - colon - 1).Insert(colon + 1, h.Pick(HostileValues));
                    break;
                case 2:
                    var from = h.Next(Math.Max(1, s.Length));
                    mutated.Remove(from, Math.Min(1 + h.Next(8), s.Length - from));
                    break;
                case 3:
                    var lines = s.Split('\n');
                    var i = h.Next(lines.Length);
                    var j = h.Next(lines.Length);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    mutated.Clear().Append(string.Join('\n', lines));
                    break;
                case 4:
                    var at = h.Next(Math.Max(1, s.Length));
                    mutated.Insert(at, s.AsSpan(at, Math.Min(h.Next(200), s.Length - at)));
                    break;
                default:
                    mutated.Length = h.Next(Math.Max(1, s.Length));
                    break;
            }
        }

        return mutated.ToString();
    }

    [Fact]
    public void MutatedLogs_ReadWithoutThrowing_AndWhatIsAcceptedRoundTrips()
    {
        using var count = new HostileCount(output);
        var accepted = 0;
        for (var seed = 0; seed < 3_000; seed++)
        {
            var h = new Hostile(40_000 + seed);
            var text = Mutate(h, h.Chance(50) ? Document : Lines);
            var @case = $"seed {seed}";
            IReadOnlyList<EventLogError> errors = [];
            EventLogContents? contents = null;
            var read = Documented.Call("EventLogJson.TryParse", () => EventLogJson.TryParse(text, out contents, out errors), @case);
            count.Add();
            if (!read)
            {
                Assert.NotNull(Assert.Single(errors).Reason);
                continue;
            }

            accepted++;
            var events = contents!.Events;
            Assert.Equal(events, EventLogJson.Parse(EventLogJson.SerializeLines(events)).Events);
            Assert.Equal(events, EventLogJson.Parse(EventLogJson.SerializeDocument("INC-1", events)).Events);
            Documented.Call("ReplayLenient", () => Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", events), @case);
            Documented.Call("Audit", () => ResponsePolicy.Default.Audit("INC-1", events), @case);
            Documented.Call("Replay", () => Incident.Replay(ResponsePolicy.Default, "INC-1", events), @case, typeof(ReplayException));
        }

        output.WriteLine($"accepted after mutation: {accepted}");
        Assert.InRange(accepted, 100, 2_900);
    }
}
