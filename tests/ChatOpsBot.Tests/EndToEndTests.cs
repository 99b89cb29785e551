using ChatOpsBot.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsBot.Tests;

public sealed class EndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly BotFixture _fixture = new();

    [Fact]
    public void Print()
    {
        var messenger = _fixture.Run(BotFixture.SeedScript, BotFixture.At(5, 0));
        foreach (var line in messenger.Lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine(File.ReadAllText(_fixture.LogPath));
    }

    public void Dispose() => _fixture.Dispose();
}
