using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Orleans;

/// <summary>
/// Settings of the incident grains, given once at registration (<c>AddIncidentPolicy(policy, options =&gt; …)</c>).
/// </summary>
/// <remarks>A plain options object for <c>Microsoft.Extensions.Options</c>: mutable while the silo is being
/// configured, read-only by convention afterwards.</remarks>
public sealed class IncidentGrainOptions
{
    /// <summary>Who records the pages, notifications and reminders the grains send (<c>notificationSent</c>,
    /// <c>reminderSent</c> events are <c>by</c> this actor's id); its roles must let it record them under the
    /// policy's permissions. Default: <c>incident-policy</c> with no roles.</summary>
    public Actor SystemActor { get; set; } = new("incident-policy");

    /// <summary>Who acts for the alert intake (raising, joining, acknowledging, resolving and clearing by dedup key);
    /// its roles decide what the policy lets an alert source do. Default: <c>alert-intake</c> with no roles.</summary>
    public Actor IntakeActor { get; set; } = new("alert-intake");

    /// <summary>The period of each incident's durable reminder, the backstop that wakes an incident after its silo
    /// was lost or the cluster restarted: a wake-up is at most about one period late when its grain timer was lost.
    /// Must be at least Orleans' <c>ReminderOptions.MinimumReminderPeriod</c> (one minute unless the host lowers it).
    /// Default: one minute.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a grain waits before trying again when the dispatcher threw or the store failed while it was
    /// sending what is due; doubled after each further failure in a row, up to <see cref="MaxRetryDelay"/>, and back to
    /// this after a wake-up that succeeds. Default: ten seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between attempts while the dispatcher keeps failing (a pager down for an hour is
    /// then tried about once a minute per incident, not six times). The durable reminder wakes the grain every
    /// <see cref="ReminderPeriod"/> as well, so a longer maximum than the reminder period has no effect. Must not be
    /// less than <see cref="RetryDelay"/>. Default: one minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
