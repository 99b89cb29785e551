namespace IncidentPolicy.Primitives;

/// <summary>
/// The text rules of <see cref="Limits"/>: what an id, a one-line text and a free text may hold so that every log and
/// policy writer writes it and every reader reads it back unchanged. Each check answers a reason, or
/// <see langword="null"/> when the text is fine; blank texts are the callers' business.
/// </summary>
internal static class StorableText
{
    /// <summary>What a text is, which decides the characters and the length it may have.</summary>
    public enum Shape : byte
    {
        /// <summary>An id: no control characters, at most <see cref="Limits.MaxIdLength"/>.</summary>
        Id,

        /// <summary>One line of text: no control characters, at most <see cref="Limits.MaxTextLength"/>.</summary>
        Line,

        /// <summary>An alert's dedup key: no control characters, at most <see cref="Limits.MaxDedupKeyLength"/>.</summary>
        Key,

        /// <summary>Free text: line breaks (<c>\n</c>, <c>\r</c>) and tabs allowed, at most <see cref="Limits.MaxTextLength"/>.</summary>
        Free,
    }

    /// <summary>Checks a text; <paramref name="what"/> names it in the reason ("the note").</summary>
    public static string? Check(string? text, Shape shape, string what)
    {
        if (text is null)
        {
            return null;
        }

        var max = shape switch
        {
            Shape.Id => Limits.MaxIdLength,
            Shape.Key => Limits.MaxDedupKeyLength,
            _ => Limits.MaxTextLength,
        };
        if (text.Length > max)
        {
            return $"{Capital(what)} is {text.Length:N0} characters long; at most {max:N0} are allowed.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return $"{Capital(what)} is not valid Unicode: it has an unpaired surrogate U+{(int)c:X4} at position {i}.";
            }

            if (char.IsLowSurrogate(c))
            {
                return $"{Capital(what)} is not valid Unicode: it has an unpaired surrogate U+{(int)c:X4} at position {i}.";
            }

            if (char.IsControl(c) && !(shape == Shape.Free && c is '\n' or '\r' or '\t'))
            {
                return $"{Capital(what)} has the control character U+{(int)c:X4} at position {i}"
                    + (shape == Shape.Free ? "; only line breaks and tabs are allowed." : "; it must be one line of printable text.");
            }
        }

        return null;
    }

    /// <summary>The most bytes a JSON writer may take for <paramref name="text"/> as a string value, quotes
    /// included: every character at its longest escaped form (<c>\uXXXX</c> for anything outside printable ASCII).</summary>
    public static long MaxEscapedBytes(string? text)
    {
        if (text is null)
        {
            return 4;
        }

        long bytes = 2;
        foreach (var c in text)
        {
            bytes += c is >= ' ' and < (char)0x7F ? (c is '"' or '\\' ? 2 : 1) : 6;
        }

        return bytes;
    }

    /// <summary>A field's name at the start of a sentence: <c>the note</c> → <c>The note</c>.</summary>
    public static string Capital(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];
}
