using System.Collections.Immutable;
using System.Globalization;
using IncidentPolicy.Lifecycle;
using NodaTime;
using NodaTime.Calendars;

namespace IncidentPolicy.PostMortems;

/// <summary>
/// Rule 6's "track completion" across many post-mortems at one instant: every action item with whether it is overdue
/// (in its incident's policy zone), and counts overall, by owner and by due week.
/// </summary>
/// <remarks>Immutable and thread-safe. Build one with <see cref="At"/>; it never reads the clock.</remarks>
public sealed class ActionItemReport
{
    /// <summary>The key of groups for a blank owner or a missing due date.</summary>
    public const string NoneKey = "(none)";

    private ActionItemReport(Instant asOf, ImmutableArray<TrackedActionItem> items)
    {
        AsOf = asOf;
        Items = items;
        Overdue = [.. items.Where(i => i.IsOverdue)];
        All = Tally("all", items);
        ByOwner = Group(items, i => string.IsNullOrWhiteSpace(i.Item.Owner) ? NoneKey : i.Item.Owner.Trim());
        ByDueWeek = Group(items, i => i.Item.Due == default ? NoneKey : WeekKey(i.Item.Due));
    }

    /// <summary>The instant the report describes.</summary>
    public Instant AsOf { get; }

    /// <summary>Every action item, in the order of the post-mortems given and, within one, their order.</summary>
    public ImmutableArray<TrackedActionItem> Items { get; }

    /// <summary>The overdue items, in the order of <see cref="Items"/>.</summary>
    public ImmutableArray<TrackedActionItem> Overdue { get; }

    /// <summary>Counts over all items, keyed <c>all</c>.</summary>
    public ActionItemTally All { get; }

    /// <summary>Counts per owner (as written, trimmed, compared exactly), ordered by owner (ordinal).</summary>
    public ImmutableArray<ActionItemTally> ByOwner { get; }

    /// <summary>Counts per ISO week of the due date (<c>2026-W23</c>: weeks start on Monday, week-years as ISO 8601
    /// defines them), in week order, <c>(none)</c> last.</summary>
    public ImmutableArray<ActionItemTally> ByDueWeek { get; }

    /// <summary>
    /// Tracks the action items of <paramref name="postMortems"/> at <paramref name="asOf"/>. An item is overdue when
    /// it is open or in progress and <paramref name="asOf"/> is at or after the end of its due day in its incident's
    /// policy zone; an item without a due date (<c>default(LocalDate)</c>) is never overdue — the post-mortem check
    /// reports it instead. A due date whose day ends past the last instant NodaTime represents (31 December 9999, as a
    /// leniently read log may hold) has no <see cref="TrackedActionItem.DueAt"/> either: it is never overdue. Dates far
    /// outside <see cref="Limits"/> never make the report throw.
    /// </summary>
    /// <param name="postMortems">The post-mortems; their <see cref="PostMortem.ActionItems"/> are tracked.</param>
    /// <param name="asOf">The instant to judge overdue at.</param>
    /// <returns>The report.</returns>
    public static ActionItemReport At(IEnumerable<PostMortem> postMortems, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(postMortems);
        var items = ImmutableArray.CreateBuilder<TrackedActionItem>();
        foreach (var postMortem in postMortems)
        {
            ArgumentNullException.ThrowIfNull(postMortem, nameof(postMortems));
            var zone = postMortem.Zone;
            foreach (var item in postMortem.ActionItems)
            {
                var dueAt = DueAt(item, zone);
                items.Add(new TrackedActionItem(postMortem.Incident.Id, item, dueAt, IsOverdue(item, dueAt, asOf)));
            }
        }

        return new ActionItemReport(asOf, items.ToImmutable());
    }

    // Shared with IncidentMetrics so both count overdue items by one rule.
    internal static Instant? DueAt(ActionItem item, DateTimeZone zone)
    {
        var due = item.Due.WithCalendar(CalendarSystem.Iso);
        return item.Due == default || due >= LocalDate.MaxIsoValue ? null : zone.AtStartOfDay(due.PlusDays(1)).ToInstant();
    }

    internal static bool IsOverdue(ActionItem item, Instant? dueAt, Instant asOf) =>
        item.Status is ActionItemStatus.Open or ActionItemStatus.InProgress && dueAt is { } due && asOf >= due;

    private static ImmutableArray<ActionItemTally> Group(ImmutableArray<TrackedActionItem> items, Func<TrackedActionItem, string> key) =>
        [.. items.GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key == NoneKey)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Tally(g.Key, g))];

    // Shared with IncidentMetrics, which tallies the action items of many incidents the same way.
    internal static ActionItemTally Tally(string key, IEnumerable<TrackedActionItem> items)
    {
        int total = 0, done = 0, wontDo = 0, open = 0, overdue = 0;
        foreach (var i in items)
        {
            total++;
            switch (i.Item.Status)
            {
                case ActionItemStatus.Done:
                    done++;
                    break;
                case ActionItemStatus.WontDo:
                    wontDo++;
                    break;
                default:
                    open++;
                    break;
            }

            overdue += i.IsOverdue ? 1 : 0;
        }

        return new ActionItemTally(key, total, done, wontDo, open, overdue);
    }

    // Four-digit week-years and two-digit weeks sort in week order as plain text.
    private static string WeekKey(LocalDate due)
    {
        var iso = due.WithCalendar(CalendarSystem.Iso);
        return string.Create(CultureInfo.InvariantCulture, $"{WeekYearRules.Iso.GetWeekYear(iso):0000}-W{WeekYearRules.Iso.GetWeekOfWeekYear(iso):00}");
    }
}
