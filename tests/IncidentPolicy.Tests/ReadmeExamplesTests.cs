using System.Text.RegularExpressions;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests;

/// <summary>README examples marked <c>&lt;!-- readme-example: PATH --&gt;</c> are copied from files that compile and
/// run with the solution: each paragraph of the example must stand in that file as it is.</summary>
public partial class ReadmeExamplesTests
{
    [GeneratedRegex(@"<!-- readme-example: (?<path>\S+) -->\n```\w*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Example();

    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string>();
        foreach (Match match in Example().Matches(Readme()))
        {
            paths.Add(match.Groups["path"].Value);
        }

        return paths;
    }

    private static string Readme() => File.ReadAllText(RepositoryRoot.File("README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Readme_HasThePropertyTestingExamples() =>
        Assert.Equal(
            ["samples/PolicyTests/PolicyTests.Tests/ScenarioTests.cs", "samples/PolicyTests/PolicyTests.Tests/ReadyMadePropertyTests.cs", "samples/PolicyTests/PolicyTests.Tests/CustomPropertyTests.cs"],
            Example().Matches(Readme()).Select(m => m.Groups["path"].Value));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Example_EveryParagraph_StandsInItsFile(string path)
    {
        var source = File.ReadAllText(RepositoryRoot.File(path.Split('/'))).ReplaceLineEndings("\n");
        var code = Example().Matches(Readme()).Single(m => m.Groups["path"].Value == path).Groups["code"].Value;

        foreach (var paragraph in code.Split("\n\n"))
        {
            Assert.True(source.Contains(paragraph, StringComparison.Ordinal), $"README.md's example from {path} is out of date:\n{paragraph}");
        }
    }
}
