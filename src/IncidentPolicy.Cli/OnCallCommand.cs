using System.CommandLine;
using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.OnCall;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>oncall [--policy FILE | --schedules FILE] [--schedule ID] [--zone ZONE | --local] --at INSTANT</c> — who is on
/// call on each schedule, until when, and who is next;
/// <c>oncall [--policy FILE] [--schedule ID] --from INSTANT --to INSTANT [--format text|json] [--ics FILE]</c> — shifts,
/// handoffs, gaps and Incident Commander/on-call conflicts, optionally as an iCalendar feed.
/// </summary>
internal static class OnCallCommand
{
    /// <summary>The longest window listed or written as iCalendar: a year of shifts, whatever their length, keeps the
    /// output (and the time to build it) bounded.</summary>
    public const int MaxWindowDays = 366;

    /// <summary>The most shifts a window may hold across the schedules asked about: a year of one-minute shifts
    /// would be half a million lines and two minutes of iCalendar writing.</summary>
    public const int MaxShifts = 10_000;

    private static readonly string MaxShiftsText = MaxShifts.ToString("N0", CultureInfo.InvariantCulture);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var time = new TimeOptions();
        var at = time.Instant("--at", "Who is on call at this instant, e.g. 2026-05-29T04:02:00Z.");
        var from = time.Instant("--from", $"Start of the window (inclusive); the window is at most {MaxWindowDays} days.");
        var to = time.Instant("--to", $"End of the window (exclusive); the window is at most {MaxWindowDays} days.");
        var ics = new Option<string?>("--ics") { Description = "Also write the window's shifts to FILE as an iCalendar feed, one event per shift." };
        var scheduleId = new Option<string?>("--schedule") { Description = "Only the schedule with this id; every schedule when omitted." };
        var policyFile = Options.PolicyFile();
        var schedulesFile = new Option<string?>("--schedules")
        {
            Description = "A file with only people and schedules ({\"people\": […], \"schedules\": […]}), checked against the default policy's roles and calendar zone, instead of a whole policy.",
        };
        var format = Options.Format();

        var command = new Command("oncall", $"Who is on call: at an instant (--at), or the shifts, handoffs, gaps and IC/on-call conflicts of a window (--from, --to; at most {MaxWindowDays} days and {MaxShiftsText} shifts).")
        {
            at, from, to, ics, scheduleId, policyFile, schedulesFile, format,
        };
        time.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasAt = result.GetResult(at) is not null;
            var hasFrom = result.GetResult(from) is not null;
            var hasTo = result.GetResult(to) is not null;
            if (hasAt && (hasFrom || hasTo))
            {
                result.AddError("--at cannot be combined with --from or --to: ask who is on call at an instant, or for the shifts of a window");
            }
            else if (!hasAt && !(hasFrom && hasTo))
            {
                result.AddError("give --at INSTANT, or both --from INSTANT and --to INSTANT");
            }
            else if (hasFrom && hasTo && time.ValueOrNull(result, from) is { } start && time.ValueOrNull(result, to) is { } end)
            {
                if (end <= start)
                {
                    result.AddError("--to must be after --from");
                }
                else if (end - start > NodaTime.Duration.FromDays(MaxWindowDays))
                {
                    result.AddError($"--from/--to: the window is longer than {MaxWindowDays} days, the longest oncall lists; ask for a shorter one");
                }
            }

            if (result.GetResult(policyFile) is not null && result.GetResult(schedulesFile) is not null)
            {
                result.AddError("--schedules cannot be combined with --policy: give a whole policy, or a file of people and schedules");
            }

            if (result.GetResult(ics) is not null && hasAt)
            {
                result.AddError("--ics writes the shifts of a window: use it with --from and --to, not --at");
            }
        });

        command.SetAction(parseResult =>
        {
            var policy = ResponsePolicy.Default;
            if (parseResult.GetValue(schedulesFile) is { } schedulesPath)
            {
                if (!TryLoadSchedules(schedulesPath, stderr, out policy))
                {
                    return ExitCodes.InvalidInput;
                }
            }
            else if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out policy))
            {
                return ExitCodes.InvalidInput;
            }

            IReadOnlyList<Schedule> schedules = policy.Schedules;
            if (parseResult.GetValue(scheduleId) is { } id)
            {
                if (policy.FindSchedule(id) is not { } only)
                {
                    stderr.WriteLine(Text.OneLine($"error: the policy has no schedule '{id}'; it has {(policy.Schedules.Count == 0 ? "none" : string.Join(", ", policy.Schedules.Select(s => s.Id)))}"));
                    return ExitCodes.BadArguments;
                }

                schedules = [only];
            }

            var json = parseResult.GetValue(format) == "json";
            var clock = time.Output(parseResult, policy);
            if (parseResult.GetResult(at) is not null)
            {
                var instant = parseResult.GetValue(at);
                stdout.WriteLine(json ? OnCallJson.SerializeOnCallAt(schedules, instant, clock) : AtText(schedules, instant, clock));
                return ExitCodes.Success;
            }

            var start = parseResult.GetValue(from);
            var end = parseResult.GetValue(to);
            if (TooManyShifts(schedules, start, end))
            {
                stderr.WriteLine($"error: --from/--to: the window holds more than {MaxShiftsText} shifts, the most oncall lists; ask for a shorter window or one --schedule");
                return ExitCodes.BadArguments;
            }

            var conflicts = policy.CommanderConflicts(start, end)
                .Where(c => schedules.Any(s => s.Id == c.Commander.ScheduleId || s.Id == c.OnCall.ScheduleId))
                .ToList();
            if (parseResult.GetValue(ics) is { } icsPath)
            {
                try
                {
                    File.WriteAllText(icsPath, Ics(policy, schedules, start, end));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    stderr.WriteLine(Text.OneLine($"error: cannot write '{icsPath}': {e.Message}"));
                    return ExitCodes.InvalidInput;
                }
            }

            stdout.WriteLine(json ? OnCallJson.SerializeWindow(schedules, start, end, conflicts, clock) : WindowText(schedules, start, end, conflicts, clock));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads a file of people and schedules into the default policy in place of its own.</summary>
    private static bool TryLoadSchedules(string path, TextWriter stderr, out ResponsePolicy policy)
    {
        policy = ResponsePolicy.Default;
        System.Text.Json.Nodes.JsonObject file;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxSchedulesFileBytes)
            {
                stderr.WriteLine(Text.OneLine($"error: --schedules: '{path}' is larger than {MaxSchedulesFileBytes / (1024 * 1024)} MiB"));
                return false;
            }

            if (System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 }) is not System.Text.Json.Nodes.JsonObject parsed)
            {
                stderr.WriteLine(Text.OneLine($"{path}: invalid schedules"));
                stderr.WriteLine("$: the file must be an object {\"people\": […], \"schedules\": […]}");
                return false;
            }

            file = parsed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine(Text.OneLine($"error: --schedules: cannot read '{path}': {e.Message}"));
            return false;
        }
        catch (System.Text.Json.JsonException e)
        {
            stderr.WriteLine(Text.OneLine($"{path}: invalid schedules"));
            stderr.WriteLine(Text.OneLine($"$: not JSON: {e.Message}"));
            return false;
        }

        var unknown = file.Select(p => p.Key).Where(k => k is not ("people" or "schedules")).ToList();
        if (unknown.Count > 0)
        {
            stderr.WriteLine(Text.OneLine($"{path}: invalid schedules"));
            foreach (var key in unknown)
            {
                stderr.WriteLine(Text.OneLine($"$.{key}: unknown key '{key}'; a schedules file holds only people and schedules (use --policy for a whole policy)"));
            }

            return false;
        }

        var tree = System.Text.Json.Nodes.JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        tree["people"] = file["people"]?.DeepClone() ?? new System.Text.Json.Nodes.JsonArray();
        tree["schedules"] = file["schedules"]?.DeepClone() ?? new System.Text.Json.Nodes.JsonArray();
        if (!PolicyJson.TryParse(tree.ToJsonString(), out var loaded, out var problems))
        {
            stderr.WriteLine(Text.OneLine($"{path}: invalid schedules"));
            foreach (var problem in problems)
            {
                stderr.WriteLine(Text.OneLine(problem.ToString()));
            }

            return false;
        }

        policy = loaded;
        return true;
    }

    /// <summary>The largest schedules file read: 16 MiB.</summary>
    private const long MaxSchedulesFileBytes = 16 * 1024 * 1024;

    private static bool TooManyShifts(IReadOnlyList<Schedule> schedules, Instant from, Instant to)
    {
        var count = 0;
        foreach (var schedule in schedules)
        {
            count += schedule.Shifts(from, to).Count;
            if (count > MaxShifts)
            {
                return true;
            }
        }

        return false;
    }

    private static string AtText(IReadOnlyList<Schedule> schedules, Instant at, CliTime clock)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write($"On call at {clock.Format(at)}:");
        var width = schedules.Count == 0 ? 0 : schedules.Max(s => s.Id.Length);
        foreach (var schedule in schedules)
        {
            text.Write($"\n  {schedule.Id.PadRight(width)}  {schedule.OnCallAt(at)?.ToString() ?? "nobody (a gap)"}");
            var next = schedule.NextHandoffs(at);
            text.Write(next.Count == 0
                ? $"\n  {new string(' ', width)}  no handoff within {Schedule.HandoffLookahead.Days} days"
                : $"\n  {new string(' ', width)}  until {clock.Format(next[0].At)}, then {next[0].To?.PersonId ?? "nobody (a gap)"}");
        }

        if (schedules.Count == 0)
        {
            text.Write("\n  the policy has no schedules");
        }

        return text.ToString();
    }

    private static string WindowText(IReadOnlyList<Schedule> schedules, Instant from, Instant to, IReadOnlyList<ScheduleConflict> conflicts, CliTime clock)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write($"On call from {clock.Format(from)} to {clock.Format(to)}");
        foreach (var schedule in schedules)
        {
            text.Write($"\n{schedule}\n  shifts:");
            foreach (var shift in schedule.Shifts(from, to))
            {
                text.Write($"\n    {clock.Format(shift.Start)} – {clock.Format(shift.End)}  {shift.Assignment}");
            }

            var handoffs = schedule.Handoffs(from, to);
            text.Write(handoffs.Count == 0 ? "\n  handoffs: none" : "\n  handoffs:");
            foreach (var handoff in handoffs)
            {
                text.Write($"\n    {clock.Format(handoff.At)}  {handoff.From?.PersonId ?? "nobody"} → {handoff.To?.PersonId ?? "nobody"}");
            }

            var gaps = schedule.Gaps(from, to);
            text.Write(gaps.Count == 0 ? "\n  gaps: none" : "\n  gaps:");
            foreach (var gap in gaps)
            {
                text.Write($"\n    {clock.Format(gap.Start)} – {clock.Format(gap.End)}  nobody on call{(gap.UnavailablePersonId is { } p ? $" ({p} is unavailable)" : "")}");
            }
        }

        text.Write(conflicts.Count == 0 ? "\nIC/on-call conflicts: none" : "\nIC/on-call conflicts:");
        foreach (var conflict in conflicts)
        {
            text.Write($"\n  {clock.Format(conflict.Start)} – {clock.Format(conflict.End)}  {conflict.PersonId} is Incident Commander on {conflict.Commander.ScheduleId} and on call on {conflict.OnCall.ScheduleId}");
        }

        return text.ToString();
    }

    /// <summary>The shifts as an iCalendar feed: one event per shift, in UTC, named after the person and the schedule.
    /// DTSTAMP is the window's start, so the same question gives the same file.</summary>
    private static string Ics(ResponsePolicy policy, IReadOnlyList<Schedule> schedules, Instant from, Instant to)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//IncidentPolicy//incident-policy oncall//EN" };
        calendar.AddProperty("X-WR-CALNAME", "On-call shifts");
        var stamp = Utc(from);
        foreach (var schedule in schedules)
        {
            foreach (var shift in schedule.Shifts(from, to))
            {
                var name = policy.FindPerson(shift.PersonId)?.Name ?? shift.PersonId;
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{schedule.Id}-{TextFormats.Format(shift.Start)}-{shift.PersonId}@incident-policy",
                    Summary = $"{schedule.Name}: {name}",
                    Description = shift.Assignment.ToString(),
                    DtStart = Utc(shift.Start),
                    DtEnd = Utc(shift.End),
                    DtStamp = stamp,
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc());
}
