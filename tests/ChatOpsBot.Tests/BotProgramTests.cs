using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests;

/// <summary>The command line: bad arguments exit 2 with the reason and usage; bad files exit 1.</summary>
public sealed class BotProgramTests : IDisposable
{
    private readonly BotFixture _fixture = new();

    private (int Exit, string Out, string Error) Run(string input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = BotProgram.RunAsync(args, new StringReader(input), stdout, stderr, TimeProvider.System, new FakeTimeline(_fixture.Clock))
            .GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("2026-05-29T04:00Z", "--clock: '2026-05-29T04:00Z' is not START,FACTOR (e.g. 2026-05-29T04:00Z,60)")]
    [InlineData("2026-05-29T04:00Z,60,2", "--clock: '2026-05-29T04:00Z,60,2' is not START,FACTOR (e.g. 2026-05-29T04:00Z,60)")]
    [InlineData("yesterday,60", "--clock: start: 'yesterday' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z")]
    [InlineData("2026-05-29T04:00Z,fast", "--clock: factor 'fast' is not a positive number")]
    [InlineData("2026-05-29T04:00Z,0", "--clock: factor '0' is not a positive number")]
    [InlineData("2026-05-29T04:00Z,-60", "--clock: factor '-60' is not a positive number")]
    [InlineData("2026-05-29T04:00Z,Infinity", "--clock: factor 'Infinity' is not a positive number")]
    public void Run_WithABadClock_ExitsTwoWithTheReasonAndUsage(string clock, string reason)
    {
        var (exit, _, error) = Run("", "--clock", clock, "--log-dir", _fixture.Directory);

        Assert.Equal(BotProgram.BadArguments, exit);
        Assert.StartsWith($"error: {reason}\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("--clock", error[error.IndexOf('\n', StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Empty(_fixture.Store.IncidentIds());
    }

    [Theory]
    [InlineData(new[] { "--until", "soon" }, "error: --until: 'soon' is not a UTC instant")]
    [InlineData(new[] { "--speed", "60" }, "error: Unrecognized command or argument '--speed'.")]
    [InlineData(new[] { "--clock" }, "error: Required argument missing for option: '--clock'.")]
    [InlineData(new[] { "extra" }, "error: Unrecognized command or argument 'extra'.")]
    public void Run_WithBadArguments_ExitsTwo(string[] args, string message)
    {
        var (exit, _, error) = Run("", args);

        Assert.Equal(BotProgram.BadArguments, exit);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithHelp_PrintsTheOptionsAndExitsZero()
    {
        var (exit, output, _) = Run("", "--help");

        Assert.Equal(BotProgram.Success, exit);
        Assert.Contains("--clock", output, StringComparison.Ordinal);
        Assert.Empty(_fixture.Store.IncidentIds());
    }

    [Fact]
    public void Run_WithAMissingTeamFile_ExitsOne()
    {
        var (exit, _, error) = Run("", "--log-dir", _fixture.Directory, "--team", Path.Combine(_fixture.Directory, "no-such-team.txt"));

        Assert.Equal(BotProgram.InvalidInput, exit);
        Assert.StartsWith("error: Could not find file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithABadTeamFile_ExitsOneNamingTheLine()
    {
        var team = Path.Combine(_fixture.Directory, "team.txt");
        File.WriteAllText(team, "alex: on-call-engineer\nerin engineering-manager\n");

        var (exit, _, error) = Run("", "--log-dir", _fixture.Directory, "--team", team);

        Assert.Equal(BotProgram.InvalidInput, exit);
        Assert.Equal("error: line 2: expected 'person: role, role', got 'erin engineering-manager'\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_WithAnInvalidPolicy_ExitsOne()
    {
        var policy = Path.Combine(_fixture.Directory, "policy.json");
        File.WriteAllText(policy, "{\"formatVersion\": 1, \"roles\": 7}");

        var (exit, _, error) = Run("", "--log-dir", _fixture.Directory, "--policy", policy);

        Assert.Equal(BotProgram.InvalidInput, exit);
        Assert.StartsWith("invalid policy: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TheSeedScript_PrintsTheRepliesPagesAndRemindersAndExitsZero()
    {
        var (exit, output, error) = Run(BotFixture.SeedScript, "--log-dir", _fixture.Directory, "--until", "2026-05-29T05:00Z");

        Assert.Equal(BotProgram.Success, exit);
        Assert.Empty(error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("2026-05-29T04:02:00Z PAGE @alex [INC-2026-05-29-01 escalate:page-on-call.1.on-call-engineer#1] Checkout error rate > 5%: page role on-call-engineer (level 1, round 1 of escalation policy page-on-call) unless acknowledged first", lines);
        Assert.Contains("2026-05-29T04:47:00Z NOTIFY @victor [INC-2026-05-29-01 escalate:notify-vp-engineering#1] checkout errors: notify role vp-engineering: revenueLoss is above 10000", lines);
        Assert.Contains("2026-05-29T04:48:00Z @sarah: ✓ postMortemScheduled — INC-2026-05-29-01 SEV-1 postMortem v23 \"checkout errors\" commander sarah", lines);
        Assert.Equal(BotFixture.At(5, 0), _fixture.Clock.GetCurrentInstant());
    }

    [Fact]
    public void Run_WithADefaultUser_TakesLinesWithoutAUser()
    {
        var (exit, output, _) = Run("/incident sev3 Search is slow\n/ack\n", "--log-dir", _fixture.Directory, "--user", "alex");

        Assert.Equal(BotProgram.Success, exit);
        Assert.Contains("@alex: ✓ acknowledged", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-05-29T04:00Z,60", "2026-05-29T04:00:00Z", 60.0)]
    [InlineData("2026-05-29T04:00:30.5Z, 0.5", "2026-05-29T04:00:30.5Z", 0.5)]
    public void TryParseClock_StartAndFactor_ReadsBoth(string text, string start, double factor)
    {
        Assert.True(BotProgram.TryParseClock(text, out var parsedStart, out var parsedFactor, out _));
        Assert.Equal(start, IncidentPolicy.Primitives.TextFormats.Format(parsedStart));
        Assert.Equal(factor, parsedFactor);
    }

    public void Dispose() => _fixture.Dispose();
}
