using System.Collections.ObjectModel;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Thrown by <see cref="IncidentCommandJson.Parse"/> when a command's JSON form is bad. It carries the errors.
/// </summary>
/// <remarks>This is the only exception type that <see cref="IncidentCommandJson"/> lets escape for bad input; use
/// <see cref="IncidentCommandJson.TryParse"/> to get the same answer without one.</remarks>
public sealed class IncidentCommandJsonException : Exception
{
    /// <summary>Creates the exception from the errors of a read.</summary>
    /// <param name="errors">The errors, in the order they were found; there must be at least one. The reader stops at
    /// the first problem, so it reports one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public IncidentCommandJsonException(IEnumerable<IncidentCommandJsonError> errors)
        : this(Materialize(errors))
    {
    }

    private IncidentCommandJsonException(ReadOnlyCollection<IncidentCommandJsonError> errors)
        : base("The command is invalid: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Where the command went bad, and why: the JSON path and the reason. Never empty.</summary>
    public IReadOnlyList<IncidentCommandJsonError> Errors { get; }

    private static ReadOnlyCollection<IncidentCommandJsonError> Materialize(IEnumerable<IncidentCommandJsonError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A command JSON exception needs at least one error.", nameof(errors));
        }

        foreach (var error in list)
        {
            ArgumentNullException.ThrowIfNull(error, nameof(errors));
        }

        return list.AsReadOnly();
    }
}
