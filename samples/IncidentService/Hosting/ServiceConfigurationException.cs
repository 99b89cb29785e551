namespace IncidentService.Hosting;

/// <summary>The service's configuration is unusable; <see cref="Problems"/> lists every problem, each naming its key.</summary>
public sealed class ServiceConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem found.</param>
    public ServiceConfigurationException(IReadOnlyList<string> problems)
        : base("The IncidentService configuration has problems:" + Environment.NewLine + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  - " + p)))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception with one message.</summary>
    public ServiceConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The problem.</param>
    public ServiceConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Every problem, each as <c>IncidentService:Key: what is wrong</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
