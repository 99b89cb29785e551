using System.Security;
using System.Text;

namespace IncidentPolicy.Cli;

/// <summary>
/// Reads the text files the CLI itself opens (an authored post-mortem) with a size limit: at most the limit plus a
/// byte order mark is ever read, so <c>/dev/zero</c>, a FIFO or a huge file is refused instead of loaded whole.
/// Policy files and event logs are read by the library's readers, which have their own limits.
/// </summary>
internal static class InputFile
{
    /// <summary>The largest authored post-mortem read: 4 MiB.</summary>
    public const int MaxMarkdownBytes = 4 * 1024 * 1024;

    private const int ByteOrderMark = 3;

    /// <summary>Reads the file as UTF-8 (a byte order mark dropped, invalid bytes as U+FFFD); prints one line
    /// <c>PATH: why</c> and returns false when it is missing, a directory, unreadable or larger than
    /// <paramref name="maxBytes"/>.</summary>
    public static bool TryRead(string path, int maxBytes, TextWriter stderr, out string text)
    {
        text = "";
        string? problem;
        try
        {
            problem = Directory.Exists(path) ? "cannot read: it is a directory" : Read(path, maxBytes, out text);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = "no such file";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            problem = $"cannot read: {e.Message}";
        }

        if (problem is null)
        {
            return true;
        }

        stderr.WriteLine(Text.OneLine($"{path}: {problem}"));
        return false;
    }

    private static string? Read(string path, int maxBytes, out string text)
    {
        text = "";
        var tooLarge = $"larger than {maxBytes / (1024 * 1024)} MiB, the most this file may be";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var cap = (long)maxBytes + ByteOrderMark;
        if (stream.CanSeek && stream.Length > cap)
        {
            return tooLarge;
        }

        var content = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while (content.Length <= cap && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, cap + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
        }

        if (content.Length > cap)
        {
            return tooLarge;
        }

        content.Position = 0;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        text = reader.ReadToEnd();
        return null;
    }
}
