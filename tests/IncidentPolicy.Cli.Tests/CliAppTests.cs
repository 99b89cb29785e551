using System.Text;

namespace IncidentPolicy.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public void Run_UnexpectedException_OneLineWithoutStackTraceAndExit70()
    {
        using var stdout = new FailingWriter();
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(["policy", "default"], stdout, stderr);
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal(70, code);
        Assert.Equal("error: internal error: System.InvalidOperationException: the disk is on fire\n", stderr.ToString());
    }

    [Fact]
    public void Run_UnexpectedExceptionAndStderrFailing_StillExit70()
    {
        using var stdout = new FailingWriter();
        using var stderr = new FailingWriter();
        Assert.Equal(70, CliApp.Run(["policy", "default"], stdout, stderr));
    }

    /// <summary>A writer that fails as no real one should: the only way left to reach the last-resort net from
    /// outside, now that every input has its own check.</summary>
    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the disk is on fire\nsecond line");

        public override void Write(string? value) => Write('x');
    }
}
