using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.PostMortems;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Fuzzing;

/// <summary>
/// The promises the four readers make in their XML docs, checked for one input text. A check returns quietly when
/// every promise holds and throws when one is broken: either the library's own exception escapes where its docs say
/// none may, or a <see cref="FuzzCheckFailedException"/> says which round trip went wrong. AFL counts any exception as a
/// crash; the test suite replays every corpus and regression file through the same checks.
/// </summary>
/// <remarks>This file is compiled into both the fuzz target (fuzz/IncidentPolicy.Fuzz) and IncidentPolicy.Tests, so the
/// fuzzer and the tests cannot drift apart. Thread-safe: it keeps no state but a read-only fixture.</remarks>
internal static class FuzzChecks
{
    /// <summary>The target names, which are also the folder names under fuzz/corpus and fuzz/regressions.</summary>
    public static IReadOnlyList<string> Targets { get; } = ["policy", "eventlog", "postmortem", "command"];

    private static readonly Instant FixtureAlertAt = Instant.FromUtc(2026, 5, 29, 14, 2);

    // A post-mortem to put parsed sections onto, as a host does with PostMortem.WithSections: built once, read only.
    // Lazy, because the fuzz target must not run library code before SharpFuzz has set up the coverage map: an
    // instrumented IncidentPolicy.dll called from a static initializer would write through a null map pointer.
    // An open SEV-1 to apply accepted commands to, as a grain or an HTTP API does with a command it has read. Lazy, for
    // the same reason as the post-mortem below.
    private static readonly Lazy<Incident> FixtureIncident = new(() =>
        Incident.Replay(ResponsePolicy.Default, "INC-FUZZ", [new AlertFired(FixtureAlertAt, "monitoring", "Checkout errors", null, "SEV-1")]));

    private static readonly Lazy<Actor> FixtureActor = new(() => new Actor("alex", "on-call-engineer", "incident-commander", "engineering-manager", "comms-lead"));

    private static readonly Lazy<PostMortem> FixturePostMortem = new(() => PostMortem.From(
        Incident.Replay(ResponsePolicy.Default, "INC-FUZZ", [new AlertFired(FixtureAlertAt, "monitoring", "Checkout errors")])));

    /// <summary>The check for a target name.</summary>
    /// <param name="target"><c>policy</c>, <c>eventlog</c>, <c>postmortem</c> or <c>command</c>.</param>
    /// <returns>The check, which throws when a promise is broken.</returns>
    /// <exception cref="ArgumentException">The target is not one of <see cref="Targets"/>.</exception>
    public static Action<string> For(string target) => target switch
    {
        "policy" => Policy,
        "eventlog" => EventLog,
        "postmortem" => PostMortemMarkdownText,
        "command" => Command,
        _ => throw new ArgumentException($"unknown fuzz target '{target}'; expected one of: {string.Join(", ", Targets)}", nameof(target)),
    };

    /// <summary>
    /// <see cref="PolicyJson.TryParse(string, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/> never throws, whatever the string; when it refuses, it names at least one
    /// problem, and when it accepts, it names none; what it accepts serializes to text it accepts again, and serializing
    /// that policy gives the identical text (the canonical form is a fixed point).
    /// </summary>
    /// <param name="json">Any text.</param>
    public static void Policy(string json)
    {
        if (!PolicyJson.TryParse(json, out var policy, out var problems))
        {
            Require(problems.Count > 0, "TryParse refused the document without naming a problem");
            return;
        }

        Require(problems.Count == 0, $"TryParse accepted the document but named problems: {Describe(problems)}");
        var written = PolicyJson.Serialize(policy);
        Require(
            PolicyJson.TryParse(written, out var again, out var againProblems),
            $"an accepted policy serializes to text that TryParse refuses: {Describe(againProblems)}");
        var rewritten = PolicyJson.Serialize(again);
        Require(rewritten == written, $"serializing the policy read back changes the text {FirstDifference(written, rewritten)}");
    }

    /// <summary>
    /// <see cref="EventLogJson.TryParse"/> never throws for a string and always answers the contents read; when it
    /// refuses, it names an error, and when it accepts, none; the events it read (all of them, or those before the
    /// error, which it keeps "exactly as written") read back equal from both written forms, JSON Lines and a document;
    /// and <see cref="Incident.ReplayLenient"/> and <see cref="PolicyEvaluation.Audit"/> with the default policy, which
    /// document no exception for a non-null log, throw none.
    /// </summary>
    /// <param name="text">Any text.</param>
    public static void EventLog(string text)
    {
        var read = EventLogJson.TryParse(text, out var contents, out var errors);
        Require(contents is not null && contents.Events is not null, "TryParse answered no contents");
        Require(read ? errors.Count == 0 : errors.Count > 0, read ? "TryParse accepted the log but named errors" : "TryParse refused the log without naming an error");
        var events = contents.Events;
        if (events.Count == 0)
        {
            return;
        }

        var incidentId = contents.IncidentId ?? "INC-FUZZ";
        var lines = EventLogJson.SerializeLines(events);
        Require(EventLogJson.TryParse(lines, out var fromLines, out var linesErrors),
            $"events read from the log, written as JSON Lines, read back with an error: {string.Join("; ", linesErrors)}");
        RequireEqual(events, fromLines.Events, "JSON Lines");

        var document = EventLogJson.SerializeDocument(incidentId, events);
        Require(EventLogJson.TryParse(document, out var fromDocument, out var documentErrors),
            $"events read from the log, written as a document, read back with an error: {string.Join("; ", documentErrors)}");
        Require(fromDocument.IncidentId == incidentId, $"the document read back names incident '{fromDocument.IncidentId}', not '{incidentId}'");
        RequireEqual(events, fromDocument.Events, "a document");

        Incident.ReplayLenient(ResponsePolicy.Default, incidentId, events);
        ResponsePolicy.Default.Audit(incidentId, events);
    }

    /// <summary>
    /// <see cref="PostMortemMarkdown.Parse"/> never fails ("reading never fails"); what it reads goes onto a post-mortem
    /// with <see cref="PostMortem.WithSections"/>, which is documented to take it, and that post-mortem renders, is
    /// checked, and its Markdown parses again, all without an exception.
    /// </summary>
    /// <param name="markdown">Any text.</param>
    public static void PostMortemMarkdownText(string markdown)
    {
        var sections = PostMortemMarkdown.Parse(markdown);
        Require(sections is not null, "Parse answered null");
        var postMortem = FixturePostMortem.Value.WithSections(sections);
        var rendered = PostMortemMarkdown.Render(postMortem);
        postMortem.Check(FixtureAlertAt + Duration.FromDays(30));
        PostMortemMarkdown.Parse(rendered);
    }

    /// <summary>
    /// <see cref="IncidentCommandJson.TryParse"/> never throws for a string; when it refuses, it names exactly one error
    /// (reading stops at the first), and when it accepts, none; what it accepts serializes to text it reads back as an
    /// equal command, and serializing that gives the identical text; and <see cref="Incident.Apply"/> answers the command
    /// (accepted or rejected) without an exception, as its docs promise for any command.
    /// </summary>
    /// <param name="json">Any text.</param>
    public static void Command(string json)
    {
        if (!IncidentCommandJson.TryParse(json, out var command, out var errors))
        {
            Require(errors.Count == 1, $"TryParse refused the command with {errors.Count} errors, not one");
            return;
        }

        Require(errors.Count == 0, $"TryParse accepted the command but named errors: {string.Join("; ", errors)}");
        var written = IncidentCommandJson.Serialize(command);
        Require(IncidentCommandJson.TryParse(written, out var again, out var againErrors),
            $"an accepted command serializes to text that TryParse refuses: {string.Join("; ", againErrors)}");
        Require(Equals(command, again), $"the command read back changed: {command} became {again}");
        var rewritten = IncidentCommandJson.Serialize(again);
        Require(rewritten == written, $"serializing the command read back changes the text {FirstDifference(written, rewritten)}");
        var incident = FixtureIncident.Value;
        incident.Apply(command, FixtureActor.Value, FixtureAlertAt + Duration.FromMinutes(5), incident.Version);
    }

    private static void RequireEqual(IReadOnlyList<IncidentEvent> expected, IReadOnlyList<IncidentEvent> actual, string form)
    {
        Require(actual.Count == expected.Count, $"{expected.Count} events written as {form} read back as {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Require(Equals(expected[i], actual[i]), $"event {i} written as {form} reads back changed: {expected[i]} became {actual[i]}");
        }
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string brokenPromise)
    {
        if (!condition)
        {
            throw new FuzzCheckFailedException(brokenPromise);
        }
    }

    private static string Describe(IReadOnlyList<PolicyProblem>? problems) =>
        problems is null || problems.Count == 0 ? "(none)" : string.Join("; ", problems.Take(5));

    private static string FirstDifference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at])
        {
            at++;
        }

        string Around(string text) => text.Substring(Math.Max(0, at - 20), Math.Min(text.Length, at + 20) - Math.Max(0, at - 20));
        return string.Create(CultureInfo.InvariantCulture, $"at character {at}: '{Around(before)}' became '{Around(after)}'");
    }
}

/// <summary>A reader's documented promise does not hold for an input: the message says which.</summary>
internal sealed class FuzzCheckFailedException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="message">The broken promise.</param>
    public FuzzCheckFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with no message.</summary>
    public FuzzCheckFailedException()
    {
    }

    /// <summary>Creates the failure with the exception that caused it.</summary>
    /// <param name="message">The broken promise.</param>
    /// <param name="innerException">The cause.</param>
    public FuzzCheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
