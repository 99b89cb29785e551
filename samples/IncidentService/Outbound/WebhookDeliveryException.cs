namespace IncidentService.Outbound;

/// <summary>A due action could not be delivered to every webhook after the quick retries: thrown from the dispatcher so
/// the incident grain records nothing and tries again after its retry delay.</summary>
public sealed class WebhookDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookDeliveryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which webhooks failed and why.</param>
    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which webhooks failed and why.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
