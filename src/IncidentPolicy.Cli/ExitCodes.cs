namespace IncidentPolicy.Cli;

/// <summary>Exit codes of every verb, as docs/design.md "Errors and exit codes" and the tool's README define them (0 success, 1 invalid input or a failed check, 2 bad arguments), and the last-resort code for a bug.</summary>
internal static class ExitCodes
{
    /// <summary>Success; warnings, if any, were printed (without <c>--strict</c>).</summary>
    public const int Success = 0;

    /// <summary>The input (a policy file, an event log) is invalid, or a check failed (also <c>validate --strict</c> of a
    /// policy with warnings).</summary>
    public const int InvalidInput = 1;

    /// <summary>The arguments are wrong; usage was printed.</summary>
    public const int BadArguments = 2;

    /// <summary>An unexpected exception, a bug in the tool or the library (EX_SOFTWARE of sysexits.h): one line
    /// <c>error: internal error: TYPE: MESSAGE</c> was printed, never a stack trace. No input is meant to cause it.</summary>
    public const int InternalError = 70;
}
