namespace IncidentPolicy.Cli.Tests;

/// <summary>
/// The CLI's output, byte for byte, against files recorded from an earlier build (<c>Golden/*.txt</c>): the JSON
/// formats and texts that scripts read must not change by accident. Each line of <c>Golden/cases.txt</c> is
/// <c>name|exit code|arguments</c>; a deliberate change re-records the file of its case.
/// </summary>
public sealed class GoldenOutputTests
{
    private static readonly DirectoryInfo GoldenFolder = FindGoldenFolder();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in ReadCases())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_IsByteIdenticalToTheRecordedOne(string name)
    {
        var (_, exitCode, arguments) = ReadCases().Single(c => c.Name == name);
        var (code, stdout, stderr) = CliRunner.Run(arguments);
        Assert.Equal(File.ReadAllText(Path.Combine(GoldenFolder.FullName, name + ".txt")), stdout);
        Assert.Equal(exitCode, code);
        Assert.Empty(stderr);
    }

    private static IEnumerable<(string Name, int ExitCode, string[] Arguments)> ReadCases()
    {
        var seed = CliRunner.SeedTimeline();
        foreach (var line in File.ReadAllLines(Path.Combine(GoldenFolder.FullName, "cases.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('|');
            var arguments = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a
                    .Replace("{seed}", seed, StringComparison.Ordinal)
                    .Replace("{timelines}", Path.GetDirectoryName(seed)!, StringComparison.Ordinal)
                    .Replace("{golden}", GoldenFolder.FullName, StringComparison.Ordinal))
                .ToArray();
            yield return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), arguments);
        }
    }

    private static DirectoryInfo FindGoldenFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var golden = new DirectoryInfo(Path.Combine(dir.FullName, "tests", "IncidentPolicy.Cli.Tests", "Golden"));
            if (golden.Exists)
            {
                return golden;
            }
        }

        throw new InvalidOperationException("tests/IncidentPolicy.Cli.Tests/Golden not found");
    }
}
