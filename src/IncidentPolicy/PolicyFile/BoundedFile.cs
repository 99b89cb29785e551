using System.Security;
using System.Text;

namespace IncidentPolicy;

/// <summary>Why <see cref="BoundedFile.Read"/> gave no text.</summary>
internal enum FileProblem
{
    /// <summary>The text was read.</summary>
    None,

    /// <summary>Nothing is at the path (or a folder on the way is missing).</summary>
    Missing,

    /// <summary>The file holds more bytes than the limit (besides a byte order mark).</summary>
    TooLarge,

    /// <summary>The path is a folder, or the file cannot be opened or read; <see cref="FileText.Detail"/> says why.</summary>
    Unreadable,
}

/// <summary>What <see cref="BoundedFile.Read"/> gave: the text, or the problem and, for an unreadable file, why.</summary>
internal readonly record struct FileText(string Text, FileProblem Problem, string Detail);

/// <summary>
/// Reads a text file without ever holding more than a limit of it: the readers' size limits then hold for
/// <c>/dev/zero</c>, a FIFO or a 10 GB file alike, which are refused after reading at most the limit plus a few bytes.
/// </summary>
/// <remarks>Decoding is <see cref="File.ReadAllText(string, Encoding)"/>'s with UTF-8: a byte order mark is dropped
/// (and names the encoding when it is UTF-16 or UTF-32), and invalid bytes become U+FFFD. Failures are values, never
/// an <see cref="IOException"/>. Thread-safe: it keeps no state.</remarks>
internal static class BoundedFile
{
    /// <summary>Room for a UTF-8 byte order mark, which is not part of the content the limit counts.</summary>
    private const int ByteOrderMark = 3;

    private const int Chunk = 64 * 1024;

    /// <summary>Reads the file at <paramref name="path"/> unless it holds more than <paramref name="maxBytes"/> bytes
    /// plus three for a UTF-8 byte order mark; never reads more than one byte past that. The readers check the decoded
    /// text against their limit exactly, so this check only has to be generous by the mark's length.</summary>
    public static FileText Read(string path, int maxBytes)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return new FileText("", FileProblem.Unreadable, "it is a directory");
            }

            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.SequentialScan,
            });
            var cap = (long)maxBytes + ByteOrderMark;
            if (stream.CanSeek && stream.Length > cap)
            {
                return new FileText("", FileProblem.TooLarge, "");
            }

            // A length of 0 says nothing for a device or a FIFO: read in chunks up to one byte past the cap.
            var content = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length + 1, cap + 1) : Chunk);
            var buffer = new byte[Chunk];
            int read;
            while (content.Length <= cap && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, cap + 1 - content.Length))) > 0)
            {
                content.Write(buffer, 0, read);
            }

            if (content.Length > cap)
            {
                return new FileText("", FileProblem.TooLarge, "");
            }

            content.Position = 0;
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new FileText(reader.ReadToEnd(), FileProblem.None, "");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileText("", FileProblem.Missing, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            return new FileText("", FileProblem.Unreadable, e.Message);
        }
    }
}
