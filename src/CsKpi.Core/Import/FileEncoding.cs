using System.Text;

namespace CsKpi.Core.Import;

/// <summary>
/// The encodings a CSV file may be read in (csv-formats.md "Exports from other tools"): UTF-8 (with or without BOM),
/// UTF-16 (with a BOM; without one only when chosen), and the single-byte encodings spreadsheets still write.
/// </summary>
public enum FileEncoding
{
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1250,
    Windows1252,
    Iso88592,
}

public static class FileEncodings
{
    public static IReadOnlyList<FileEncoding> All { get; } = Enum.GetValues<FileEncoding>();

    /// <summary>The name in a mapping's JSON, on the command line and in forms (WHATWG labels).</summary>
    public static string Code(this FileEncoding encoding) => encoding switch
    {
        FileEncoding.Utf8 => "utf-8",
        FileEncoding.Utf16Le => "utf-16le",
        FileEncoding.Utf16Be => "utf-16be",
        FileEncoding.Windows1250 => "windows-1250",
        FileEncoding.Windows1252 => "windows-1252",
        FileEncoding.Iso88592 => "iso-8859-2",
    };

    /// <summary>The name people know it by (the same in every language).</summary>
    public static string DisplayName(this FileEncoding encoding) => encoding switch
    {
        FileEncoding.Utf8 => "UTF-8",
        FileEncoding.Utf16Le => "UTF-16 LE",
        FileEncoding.Utf16Be => "UTF-16 BE",
        FileEncoding.Windows1250 => "Windows-1250",
        FileEncoding.Windows1252 => "Windows-1252",
        FileEncoding.Iso88592 => "ISO-8859-2",
    };

    /// <summary>Whether each byte is one character (the legacy encodings).</summary>
    public static bool IsSingleByte(this FileEncoding encoding) =>
        encoding is FileEncoding.Windows1250 or FileEncoding.Windows1252 or FileEncoding.Iso88592;

    /// <summary>A code or display name, case and '-', '_', ' ' aside ("UTF8", "cp1252" and "latin2" too).</summary>
    public static bool TryParse(string? name, out FileEncoding encoding)
    {
        var key = Normalize(name);
        foreach (var candidate in All)
        {
            if (key.Length > 0 && (key == Normalize(candidate.Code()) || key == Normalize(candidate.DisplayName())
                || Aliases(candidate).Contains(key)))
            {
                encoding = candidate;
                return true;
            }
        }
        encoding = FileEncoding.Utf8;
        return false;
    }

    private static string[] Aliases(FileEncoding encoding) => encoding switch
    {
        FileEncoding.Windows1250 => ["cp1250"],
        FileEncoding.Windows1252 => ["cp1252"],
        FileEncoding.Iso88592 => ["latin2"],
        _ => [],
    };

    private static string Normalize(string? name) =>
        new((name ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The single-byte encoding's table, from the code pages that ship with .NET (taken from the provider itself, so
    /// nothing is registered process-wide).
    /// </summary>
    internal static Encoding SingleByte(this FileEncoding encoding) =>
        CodePagesEncodingProvider.Instance.GetEncoding(encoding switch
        {
            FileEncoding.Windows1250 => 1250,
            FileEncoding.Windows1252 => 1252,
            FileEncoding.Iso88592 => 28592,
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not a single-byte encoding"),
        }) ?? throw new InvalidOperationException($"code page of {encoding.DisplayName()} missing");
}
