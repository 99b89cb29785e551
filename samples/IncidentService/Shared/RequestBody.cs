namespace IncidentService.Shared;

/// <summary>What <see cref="RequestBody.ReadAsync"/> read: the bytes, or why not — larger than the limit, or a body
/// the server refused to read. Exactly one of the three is set.</summary>
/// <param name="Bytes">The whole body.</param>
/// <param name="TooLarge">Whether it was larger than the limit (reading stopped there).</param>
/// <param name="Unreadable">Why the server could not read it (a malformed chunk, a body cut short, too slow).</param>
internal readonly record struct BodyRead(byte[]? Bytes, bool TooLarge, string? Unreadable);

/// <summary>Reads a request body under a size limit, for the intakes and the API alike: never more than one chunk past
/// the limit is held, and a body the server refuses to read is the request's fault (a reason), not the service's.</summary>
internal static class RequestBody
{
    /// <summary>Reads the whole body, stopping as soon as it is larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or why it was not read.</returns>
    public static async Task<BodyRead> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new BodyRead(null, true, null);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return new BodyRead(null, false, $"the body could not be read: {e.Message}");
        }

        return new BodyRead(buffer.ToArray(), false, null);
    }
}
