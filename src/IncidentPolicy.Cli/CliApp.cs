using System.CommandLine;
using System.Globalization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>
/// The <c>incident-policy</c> command line: parses arguments, maps parse errors to exit code 2 with usage,
/// and runs the verb. Verbs are thin: every decision is the library's.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs the command line. Every failure a user can cause is answered by a verb's own check (exit 1 or
    /// 2); anything else that escapes is a bug, reported as one line (no stack trace) with <see cref="ExitCodes.InternalError"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return RunVerb(args, stdout, stderr);
        }
#pragma warning disable CA1031 // The last-resort net: no exception may reach the user as a .NET stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e.Message.Split('\n', 2)[0].TrimEnd('\r');
            try
            {
                stderr.WriteLine(Text.OneLine($"error: internal error: {e.GetType().FullName}: {message}"));
            }
#pragma warning disable CA1031 // stderr itself failing leaves only the exit code to tell.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return ExitCodes.InternalError;
        }
    }

    private static int RunVerb(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                // System.CommandLine lists allowed values on lines of their own ("Must be one of:\n\t'text'\n\t'json'").
                var message = error.Message.ReplaceLineEndings("\n").Replace("\n\t", " ", StringComparison.Ordinal);
                stderr.WriteLine(Text.OneLine($"error: {message}"));
            }

            stderr.WriteLine();
            PrintUsage(root, parseResult, stderr);
            return ExitCodes.BadArguments;
        }

        return parseResult.Invoke(Configuration(stdout, stderr));
    }

    /// <summary>System.CommandLine's own handler would print the exception with its stack trace: exceptions go to
    /// <see cref="Run"/> instead.</summary>
    private static InvocationConfiguration Configuration(TextWriter stdout, TextWriter stderr) =>
        new() { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };

    private static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("incident-policy: executable incident-response policy (IncidentPolicy library).");
        root.Subcommands.Add(PolicyCommands.Policy(stdout));
        root.Subcommands.Add(PolicyCommands.Validate(stdout, stderr));
        root.Subcommands.Add(PolicyCommands.Schema(stdout));
        root.Subcommands.Add(DeadlinesCommand.Create(stdout, stderr));
        root.Subcommands.Add(DiagramCommand.Create(stdout));
        root.Subcommands.Add(ReplayCommand.Create(stdout, stderr));
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));
        root.Subcommands.Add(SimulateCommand.Create(stdout, stderr));
        root.Subcommands.Add(OnCallCommand.Create(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(stdout, stderr));
        root.Subcommands.Add(DeployCheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(PostMortemCommand.Create(stdout, stderr));
        root.Subcommands.Add(RunbookCommand.Create(stdout, stderr));
        return root;
    }

    private static void PrintUsage(RootCommand root, ParseResult parseResult, TextWriter writer)
    {
        var path = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (command.Command != root)
            {
                path.Insert(0, command.Command.Name);
            }
        }

        path.Add("--help");
        root.Parse(path.ToArray()).Invoke(Configuration(writer, writer));
    }

    /// <summary>Reads an event log; prints the error (event index, line, path, reason) and returns false when it is bad
    /// (the reader refuses instants and dates outside <see cref="Limits"/>' range) or empty.</summary>
    public static bool TryReadTimeline(string path, TextWriter stderr, out string incidentId, out IReadOnlyList<IncidentEvent> events)
    {
        var read = EventLogJson.TryLoad(path, out var log, out var errors);
        incidentId = log.IncidentId ?? Path.GetFileNameWithoutExtension(path);
        events = log.Events;
        if (!read)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine(Text.OneLine($"{path}: {error}"));
            }

            return false;
        }

        if (events.Count == 0)
        {
            stderr.WriteLine(Text.OneLine($"{path}: the event log is empty; it must start with alertFired"));
            return false;
        }

        return true;
    }

    /// <summary>A date as the logs write it, <c>2026-06-05</c>.</summary>
    public static string IsoDate(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>How every verb reads a policy file: country holidays resolved by IncidentPolicy.PublicHolidays.</summary>
    public static PolicyReadOptions ReadOptions { get; } = new() { HolidaySource = IncidentPolicy.PublicHolidays.PublicHolidaySource.Instance };

    /// <summary>Loads the policy from <paramref name="path"/>, or the default policy when it is null.</summary>
    public static bool TryLoadPolicy(string? path, TextWriter stderr, out ResponsePolicy policy)
    {
        if (path is null)
        {
            policy = ResponsePolicy.Default;
            return true;
        }

        if (!PolicyJson.TryLoad(path, ReadOptions, out var loaded, out var problems))
        {
            stderr.WriteLine(Text.OneLine($"{path}: invalid policy"));
            foreach (var problem in problems)
            {
                stderr.WriteLine(Text.OneLine(problem.ToString()));
            }

            policy = ResponsePolicy.Default;
            return false;
        }

        policy = loaded;
        foreach (var warning in policy.Warnings)
        {
            stderr.WriteLine(Text.OneLine($"warning: {warning}"));
        }

        return true;
    }
}
