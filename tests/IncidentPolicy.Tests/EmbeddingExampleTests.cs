using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests;

/// <summary>The README's embedding example is <c>samples/Embedding/Program.cs</c>, which the solution compiles.</summary>
public class EmbeddingExampleTests
{
    [Fact]
    public void Readme_EmbeddingExample_IsTheCompiledSample()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var program = File.ReadAllText(RepositoryRoot.File("samples", "Embedding", "Program.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = readme.IndexOf("## Embedding", StringComparison.Ordinal);
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);

        Assert.Equal(program, readme[start..end]);
        Assert.Contains("Incident.Raise(", program, StringComparison.Ordinal);
        Assert.Contains(".Apply(", program, StringComparison.Ordinal);
        Assert.Contains("policy.Evaluate(", program, StringComparison.Ordinal);
    }
}
