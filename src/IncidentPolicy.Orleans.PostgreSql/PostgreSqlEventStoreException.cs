namespace IncidentPolicy.Orleans.PostgreSql;

/// <summary>
/// The PostgreSQL event store cannot do its work for a reason of the database as a whole, not of one call's input:
/// the server cannot be reached or refuses the connection, the store's schema has not been created yet, or it was
/// created by a newer version of this package.
/// </summary>
/// <remarks>The message names the server's host and port, the database and the user — never the password — and the
/// inner exception keeps Npgsql's own error. A refused append (another writer stored that version first) is not an
/// exception: <see cref="PostgreSqlIncidentEventStore.AppendAsync"/> answers <see langword="false"/>.</remarks>
public sealed class PostgreSqlEventStoreException : Exception
{
    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What went wrong.</param>
    public PostgreSqlEventStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The database driver's error.</param>
    public PostgreSqlEventStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (for serializers).</summary>
    public PostgreSqlEventStoreException()
    {
    }
}
