namespace IncidentPolicy.Orleans.WakeUps;

/// <summary>
/// The host's way out: sends the pages, notifications and reminders that incident grains find due (to a pager, chat,
/// e-mail). Registered by the host in the silo's services.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once: the grain records an action only after <see cref="DispatchAsync"/> returns, so a
/// silo lost in between hands the same action (same incident id and obligation key) over again on the next wake-up.
/// A dispatcher that must not send twice de-duplicates by <c>(IncidentId, ObligationKey)</c> — PagerDuty-style
/// de-duplication keys fit exactly.</para>
/// <para>Throwing means "not sent": nothing is recorded, and the grain tries again after
/// <see cref="IncidentGrainOptions.RetryDelay"/>. Called from many grains at once: implementations must be
/// thread-safe.</para>
/// </remarks>
public interface IIncidentDispatcher
{
    /// <summary>Sends one due action.</summary>
    /// <param name="action">What to send, to whom, and its de-duplication key.</param>
    /// <param name="cancellationToken">Cancelled when the silo is shutting down.</param>
    /// <returns>A task that completes when the action is sent (or handed to a durable outbox).</returns>
    Task DispatchAsync(DueAction action, CancellationToken cancellationToken);
}
