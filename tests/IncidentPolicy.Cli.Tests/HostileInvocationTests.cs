namespace IncidentPolicy.Cli.Tests;

/// <summary>
/// The invocations issue 13 found printing a .NET stack trace, each answered now by a proper check: a usage error
/// (exit 2, one <c>error:</c> line naming the option) or bad input (exit 1, the reader's one-line message).
/// </summary>
public sealed class HostileInvocationTests : IDisposable
{
    private const string Range = "1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999999999Z";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("incident-policy-cli-hostile-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Deadlines_AtYear9999_Exits2NamingTheOption()
    {
        var result = CliRunner.Run("deadlines", "--severity", "SEV-3", "--at", "9999-12-31T23:59:59Z");
        AssertUsageError(result, $"error: --at: 9999-12-31T23:59:59Z is outside the supported range {Range}");
    }

    [Fact]
    public void OnCall_AtYear9999_Exits2NamingTheOption()
    {
        var result = CliRunner.Run("oncall", "--at", "9999-12-31T23:59:59Z");
        AssertUsageError(result, $"error: --at: 9999-12-31T23:59:59Z is outside the supported range {Range}");
    }

    [Fact]
    public void Audit_AtYear9999_Exits2NamingTheOption()
    {
        var result = CliRunner.Run("audit", CliRunner.SeedTimeline(), "--at", "9999-12-31T23:59:59Z");
        AssertUsageError(result, $"error: --at: 9999-12-31T23:59:59Z is outside the supported range {Range}");
    }

    [Fact]
    public void Simulate_UntilYear9999_Exits2NamingTheOption()
    {
        var result = CliRunner.Run("simulate", CliRunner.SeedTimeline(), "--until", "9999-12-31T23:59:59Z");
        AssertUsageError(result, $"error: --until: 9999-12-31T23:59:59Z is outside the supported range {Range}");
    }

    [Theory]
    [InlineData("1900-01-01T00:00Z")]
    [InlineData("2200-12-31T23:59:59.999999999Z")]
    public void Deadlines_AtEndsOfTheRange_Accepted(string at)
    {
        foreach (var severity in new[] { "SEV-1", "SEV-2", "SEV-3", "SEV-4" })
        {
            var result = CliRunner.Run("deadlines", "--severity", severity, "--at", at);
            AssertNoStackTrace(result);
            Assert.Equal(0, result.ExitCode);
        }
    }

    [Theory]
    [InlineData("1899-12-31T23:59:59.999999999Z")]
    [InlineData("2201-01-01T00:00Z")]
    public void Deadlines_JustOutsideTheRange_Exits2(string at) =>
        AssertUsageError(CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", at), $"error: --at: {at} is outside the supported range {Range}");

    [Fact]
    public void OnCall_IcsOverYears1To9999_Exits2NamingTheOption()
    {
        var ics = Path.Combine(directory.FullName, "shifts.ics");
        var result = CliRunner.Run("oncall", "--from", "0001-01-01T00:00Z", "--to", "9999-12-31T00:00Z", "--ics", ics);
        AssertUsageError(result, $"error: --from: 0001-01-01T00:00Z is outside the supported range {Range}");
        Assert.Equal($"error: --to: 9999-12-31T00:00Z is outside the supported range {Range}", result.Stderr.Split('\n')[1]);
        Assert.False(File.Exists(ics));
    }

    [Fact]
    public void OnCall_IcsOverTheWholeSupportedRange_Exits2ForTheSpan()
    {
        var ics = Path.Combine(directory.FullName, "shifts.ics");
        var result = CliRunner.Run("oncall", "--from", "1900-01-01T00:00Z", "--to", "2200-12-31T00:00Z", "--ics", ics);
        AssertUsageError(result, "error: --from/--to: the window is longer than 366 days, the longest oncall lists; ask for a shorter one");
        Assert.False(File.Exists(ics));
    }

    [Fact]
    public void Validate_DevZero_Exits1TooLargeWithoutReadingItWhole()
    {
        var (code, stdout, stderr) = CliRunner.Run("validate", "/dev/zero");
        Assert.Equal(1, code);
        Assert.Equal("$: the document is larger than 1 MiB\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Replay_DevZero_Exits1TooLarge()
    {
        var result = CliRunner.Run("replay", "/dev/zero");
        AssertBadInput(result, "/dev/zero: the log: event log file '/dev/zero' is larger than 16 MiB");
    }

    [Fact]
    public async Task Validate_FifoWithAnEndlessWriter_Exits1TooLarge()
    {
        var fifo = Path.Combine(directory.FullName, "policy.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var writer = Task.Run(() =>
        {
            var junk = new byte[64 * 1024];
            Array.Fill(junk, (byte)'x');
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                while (true)
                {
                    stream.Write(junk);
                }
            }
            catch (IOException)
            {
                // The reader stopped at its limit and closed the FIFO: the write end breaks, as it should.
            }
        });
        var (code, stdout, _) = CliRunner.Run("validate", fifo);
        Assert.Equal(1, code);
        Assert.Equal("$: the document is larger than 1 MiB\n", stdout);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Validate_TwentyMegabytesOfJunk_Exits1TooLarge()
    {
        var path = Path.Combine(directory.FullName, "junk.json");
        File.WriteAllBytes(path, new byte[20 * 1024 * 1024]);
        Assert.Equal((1, "$: the document is larger than 1 MiB\n", ""), CliRunner.Run("validate", path));
    }

    [Fact]
    public void Validate_Directory_Exits1CannotRead()
    {
        var result = CliRunner.Run("validate", directory.FullName);
        Assert.Equal((1, $"$: cannot read policy file '{directory.FullName}': it is a directory\n", ""), result);
    }

    [Fact]
    public void Replay_Directory_Exits1CannotRead()
    {
        var result = CliRunner.Run("replay", directory.FullName);
        AssertBadInput(result, $"{directory.FullName}: the log: cannot read event log file '{directory.FullName}': it is a directory");
    }

    [Fact]
    public void Audit_EventInYear9999_Exits1NamingTheEvent()
    {
        var log = Write("y9999.jsonl", AlertAt("9999-12-31T23:50:00Z"));
        var result = CliRunner.Run("audit", log);
        AssertBadInput(result, $"{log}: event 0 (line 1) at $.at: 9999-12-31T23:50:00Z is outside the supported range {Range}");
    }

    [Fact]
    public void Simulate_EventInYear9999_Exits1NamingTheEvent()
    {
        var log = Write("y9999.jsonl", AlertAt("2026-05-29T04:02:00Z") + """{"type":"acknowledged","at":"9999-12-31T23:50:00Z","by":"alex"}""" + "\n");
        var result = CliRunner.Run("simulate", log, "--until", "2026-05-30T00:00Z");
        AssertBadInput(result, $"{log}: event 1 (line 2) at $.at: 9999-12-31T23:50:00Z is outside the supported range {Range}");
    }

    [Fact]
    public void Replay_EmptyLog_Exits1()
    {
        var log = Write("empty.jsonl", "");
        var result = CliRunner.Run("replay", log);
        AssertBadInput(result, $"{log}: the event log is empty; it must start with alertFired");
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("postmortem")]
    public void TimelineVerbs_EmptyLog_Exit1(string verb)
    {
        var log = Write("empty.jsonl", "\n\n");
        AssertBadInput(CliRunner.Run(verb, log), $"{log}: the event log is empty; it must start with alertFired");
    }

    [Fact]
    public void Simulate_EmptyLog_Exits1()
    {
        var log = Write("empty.jsonl", "");
        AssertBadInput(CliRunner.Run("simulate", log, "--until", "2026-05-30T00:00Z"), $"{log}: the event log is empty; it must start with alertFired");
    }

    [Fact]
    public void Replay_ActionItemDueInYear9999_Exits1NamingTheEvent()
    {
        var log = Write("due.jsonl", AlertAt("2026-05-29T04:02:00Z") + """{"type":"actionItemAdded","at":"2026-05-29T05:00:00Z","by":"sarah","id":"AI-1","action":"x","owner":"alex","due":"9999-12-31"}""" + "\n");
        AssertBadInput(CliRunner.Run("replay", log), $"{log}: event 1 (line 2) at $.due: 9999-12-31 is outside the supported range 1900-01-01 to 2200-12-31");
    }

    [Fact]
    public void Replay_PostMortemScheduledFor1899_Exits1NamingTheEvent()
    {
        var log = Write("pm.jsonl", AlertAt("2026-05-29T04:02:00Z") + """{"type":"postMortemScheduled","at":"2026-05-29T05:00:00Z","by":"sarah","for":"1899-12-31T23:59:59Z"}""" + "\n");
        AssertBadInput(CliRunner.Run("replay", log), $"{log}: event 1 (line 2) at $.for: 1899-12-31T23:59:59Z is outside the supported range {Range}");
    }

    [Fact]
    public void Report_FolderWithAnEmptyLog_Exits1NamingIt()
    {
        var logs = directory.CreateSubdirectory("logs");
        File.Copy(CliRunner.SeedTimeline(), Path.Combine(logs.FullName, "a.json"));
        var empty = Path.Combine(logs.FullName, "b.jsonl");
        File.WriteAllText(empty, "");
        AssertBadInput(CliRunner.Run("report", logs.FullName), $"{empty}: the event log is empty; it must start with alertFired");
    }

    [Fact]
    public void OnCall_WindowOfMoreThan10000MinuteShifts_Exits2BeforeListingThem()
    {
        var tree = System.Text.Json.Nodes.JsonNode.Parse(IncidentPolicy.PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["schedules"]![0]!["layers"]![0]!["rotation"]!["shift"] = System.Text.Json.Nodes.JsonNode.Parse("""{"length": "PT1M", "clock": "elapsed"}""");
        var policy = Write("minutes.json", tree.ToJsonString());
        var ics = Path.Combine(directory.FullName, "shifts.ics");
        var (code, stdout, stderr) = CliRunner.Run("oncall", "--policy", policy, "--from", "2026-01-05T00:00Z", "--to", "2026-01-13T00:00Z", "--ics", ics);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal("error: --from/--to: the window holds more than 10,000 shifts, the most oncall lists; ask for a shorter window or one --schedule\n", stderr);
        Assert.False(File.Exists(ics));
        Assert.Equal(0, CliRunner.Run("oncall", "--policy", policy, "--from", "2026-01-05T00:00Z", "--to", "2026-01-06T00:00Z").ExitCode);
    }

    [Fact]
    public void PostMortem_AuthoredTitleDec31Of9999_Exits1NamingTheLine()
    {
        var authored = Write("pm.md", "## Post-Mortem: Checkout - Dec 31, 9999\n\n### Action Items\n| # | Action | Owner | Due Date |\n|---|--------|-------|----------|\n| 1 | Add tests | alex | Jan 5 |\n");
        var result = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", authored);
        AssertBadInput(result, $"{authored}: line 1: the post-mortem's date Dec 31, 9999 is outside the supported range 1900-01-01 to 2200-12-31");
    }

    [Fact]
    public void PostMortem_AuthoredDueDateInYear9999_WarnsNamingTheActionItem()
    {
        var authored = Write("pm.md", "## Post-Mortem: Checkout - May 29, 2026\r\n\r\n### Action Items\r\n| # | Action | Owner | Due Date |\r\n|---|---|---|---|\r\n| 1 | a | alex | Jun 5 |\r\n| 2 | b | alex | Dec 31, 9999 |\r\n");
        var result = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", authored);
        AssertUndated(result, authored, "AI-2");
    }

    [Fact]
    public void PostMortem_AuthoredTitleAtTheEndOfTheRange_DueDateAfterItWarns()
    {
        var authored = Write("pm.md", "## Post-Mortem: Checkout - Dec 31, 2200\n\n### Action Items\n| # | Action | Owner | Due Date |\n|---|---|---|---|\n| 1 | a | alex | Jan 5 |\n");
        var result = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", authored);
        AssertUndated(result, authored, "AI-1");
    }

    [Fact]
    public void PostMortem_AuthoredDevZero_Exits1TooLarge() =>
        AssertBadInput(CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", "/dev/zero"), "/dev/zero: larger than 4 MiB, the most this file may be");

    [Fact]
    public void PostMortem_AuthoredDirectory_Exits1() =>
        AssertBadInput(CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", directory.FullName), $"{directory.FullName}: cannot read: it is a directory");

    [Fact]
    public void Deadlines_AtWithALineBreak_ReasonStaysOneLine() =>
        AssertUsageError(
            CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T04:02Z\nrm -rf"),
            "error: --at: '2026-05-29T04:02Z\\nrm -rf' is not an instant; write ISO 8601 with Z or an offset, like 2026-05-30T15:00Z or 2026-05-30T17:00+02:00, or a local date and time like 2026-05-30T17:00 read in a time zone");

    [Fact]
    public void Deadlines_SeverityWithALineBreak_ReasonStaysOneLine()
    {
        var (code, stdout, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1\r\n\u2028", "--at", "2026-05-29T04:02Z");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: the policy has no severity 'SEV-1\\r\\n\\u2028'; it has ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Diagram_UnknownFormat_AllowedValuesOnTheReasonLine() =>
        AssertUsageError(CliRunner.Run("diagram", "--format", "svg"), "error: Argument 'svg' not recognized. Must be one of: 'mermaid' 'dot'");

    [Fact]
    public void Report_LogsTakingMoreThan256MiB_Exits1BeforeReadingThem()
    {
        var logs = directory.CreateSubdirectory("big");
        for (var i = 0; i < 17; i++)
        {
            // Sparse: 16 MiB each on paper, nothing on disk, so the test stays cheap.
            using var file = new FileStream(Path.Combine(logs.FullName, $"log-{i:D2}.jsonl"), FileMode.CreateNew);
            file.SetLength(16L * 1024 * 1024);
        }

        AssertBadInput(CliRunner.Run("report", logs.FullName), $"{logs.FullName}: its event logs take more than 256 MiB, the most report reads");
    }

    private static string AlertAt(string at) =>
        $$"""{"type":"alertFired","at":"{{at}}","by":"monitoring","summary":"x","service":"checkout","severity":"SEV-1","policyHash":null}""" + "\n";

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Exit 2, nothing on stdout, and the first line of stderr is the reason (the verb's usage follows).</summary>
    private static void AssertUsageError((int ExitCode, string Stdout, string Stderr) result, string reason)
    {
        AssertNoStackTrace(result);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(reason, result.Stderr.Split('\n')[0]);
    }

    /// <summary>Exit 1, nothing on stdout, and stderr is the one line of the reader's message.</summary>
    /// <summary>An authored due date outside the supported range is read as none (the parser's contract): the
    /// post-mortem is still written, and a one-line warning names the action item.</summary>
    private static void AssertUndated((int ExitCode, string Stdout, string Stderr) result, string authored, string item)
    {
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"warning: {authored}: action item {item} has no due date that can be read", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    private static void AssertBadInput((int ExitCode, string Stdout, string Stderr) result, string message)
    {
        AssertNoStackTrace(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(message + "\n", result.Stderr);
    }

    internal static void AssertNoStackTrace((int ExitCode, string Stdout, string Stderr) result)
    {
        foreach (var text in new[] { result.Stdout, result.Stderr })
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
