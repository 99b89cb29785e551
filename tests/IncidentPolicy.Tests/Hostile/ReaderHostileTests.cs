using IncidentPolicy.Fuzzing;
using IncidentPolicy.Tests.Support;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Mutations of the fuzzing corpus's policy documents and post-mortems — values replaced by hostile JSON, characters
/// cut or repeated, lines swapped or torn — through the checks the fuzzing harness applies
/// (<see cref="FuzzChecks"/>): the readers throw nothing undocumented, and a policy they accept is written and read
/// back identical.
/// </summary>
public class ReaderHostileTests(ITestOutputHelper output)
{
    private static string[] Corpus(string target) =>
        Directory.GetFiles(RepositoryRoot.File("fuzz", "corpus", target)).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private void Run(string target, Action<string> check, int cases, int seedBase)
    {
        using var count = new HostileCount(output);
        var corpus = Corpus(target);
        for (var seed = 0; seed < cases; seed++)
        {
            var h = new Hostile(seedBase + seed);
            var input = EventLogHostileTests.Mutate(h, h.Pick(corpus));
            try
            {
                check(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{target} seed {seed}: {e.GetType().Name}: {e.Message}\ninput: {Documented.Show(input)}\n{e.StackTrace}");
            }

            count.Add();
        }
    }

    [Fact]
    public void MutatedPolicies_ParseOrFailWithProblems_AndAcceptedOnesRoundTrip() =>
        Run("policy", FuzzChecks.Policy, 3_000, 50_000);

    [Fact]
    public void MutatedPostMortems_ParseWithoutUndocumentedExceptions() =>
        Run("postmortem", FuzzChecks.PostMortemMarkdownText, 3_000, 60_000);
}
