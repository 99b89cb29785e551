namespace IncidentPolicy.Cli;

/// <summary>Exit codes of every verb, as DESIGN.md "Errors" defines them.</summary>
internal static class ExitCodes
{
    /// <summary>Success; warnings, if any, were printed.</summary>
    public const int Success = 0;

    /// <summary>The input (a policy file, an event log) is invalid, or a check failed.</summary>
    public const int InvalidInput = 1;

    /// <summary>The arguments are wrong; usage was printed.</summary>
    public const int BadArguments = 2;
}
