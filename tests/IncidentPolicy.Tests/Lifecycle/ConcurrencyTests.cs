using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Testing;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>The lifecycle machine is configured once and shared; its state lives per thread. Many threads applying
/// commands at once must get exactly the answers one thread gets.</summary>
public class ConcurrencyTests
{
    private static List<string> Run(CommandStep[] steps)
    {
        var answers = new List<string>(steps.Length);
        var incident = IncidentFixture.Raised();
        var now = IncidentFixture.AlertAt;
        foreach (var (command, actor, minutes, stale) in steps)
        {
            now += Duration.FromMinutes(minutes);
            var result = incident.Apply(command, actor, now, stale ? incident.Version - 1 : incident.Version);
            answers.Add(result.ToString());
            if (result.IsAccepted)
            {
                incident = result.Incident;
            }
        }

        answers.Add(incident.ToString());
        return answers;
    }

    [Fact]
    public void Apply_ManyThreads_SameAnswersAsOneThread()
    {
        var sequences = IncidentGen.CommandSequences.Sample(64, 200).ToArray();
        var expected = sequences.Select(Run).ToArray();
        var actual = new List<string>[sequences.Length];
        Parallel.For(0, sequences.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var answers = Run(sequences[i % sequences.Length]);
            if (i >= sequences.Length * 3)
            {
                actual[i % sequences.Length] = answers;
            }
            else
            {
                Assert.Equal(expected[i % sequences.Length], answers);
            }
        });
        Assert.Equal(expected, actual);
    }
}
