using System.Globalization;
namespace CsKpi.Core.Import;

/// <summary>One problem in a file: where, which value, and why.</summary>
/// <summary>
/// A row error. <paramref name="Reason"/> is a fixed English text, with <c>{0}</c> standing for
/// <paramref name="Argument"/> when it has one (a line number, a byte position): the web app translates the text as it
/// is and fills the argument in, nothing parses a sentence back.
/// </summary>
public sealed record ImportError(long Line, string Column, string? Value, string Reason, string? Argument = null)
{
    /// <summary>The reason in English, its argument filled in.</summary>
    public string Text => Argument is null ? Reason : string.Format(CultureInfo.InvariantCulture, Reason, Argument);

    /// <summary>cli.md: <c>line L, column C: reason</c>.</summary>
    public override string ToString() =>
        Value is { Length: > 0 } v
            ? $"line {Line}, column {Column}: {Text} ('{Shorten(v)}')"
            : $"line {Line}, column {Column}: {Text}";

    private static string Shorten(string value) => value.Length > 60 ? value[..57]
        + "…" : value.ReplaceLineEndings(" ");
}

public sealed record ImportOptions
{
    public bool DryRun { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>How the file's columns become our records, chosen by the admin when the headers don't match (null: the
    /// canonical headers).</summary>
    public ImportMapping? Mapping { get; init; }
    /// <summary>Errors kept in the summary; the total is always counted.</summary>
    public int MaxErrors { get; init; } = 1000;

    /// <summary>The file's encoding, chosen by the admin; null: the mapping's, else detected from the bytes (a stream
    /// that cannot seek is read as UTF-8).</summary>
    public FileEncoding? Encoding { get; init; }

    public const int DefaultMaxLineBytes = 1024 * 1024;

    /// <summary>The longest record read (Import:MaxLineBytes): a longer one is an error on its line.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;
}

public readonly record struct ImportProgress(long Rows, long BytesRead, long? TotalBytes, string Stage);

public enum ImportOutcome
{
    Imported,
    /// <summary>The file had errors: nothing was written.</summary>
    Rejected,
    /// <summary>--dry-run: checked and counted, nothing written.</summary>
    Checked,
}

public sealed record ImportSummary(
    ImportKind Kind,
    string FileName,
    ImportOutcome Outcome,
    long Rows,
    long Inserted,
    long Updated,
    long Unchanged,
    long RejectedRows,
    IReadOnlyList<ImportError> Errors,
    long TotalErrors,
    IReadOnlyList<ImportPart>? Parts = null)
{
    /// <summary>What each kind fed by the file did (one entry for a canonical file).</summary>
    public IReadOnlyList<ImportPart> Parts { get; } = Parts ?? [];

    public bool Succeeded => Outcome != ImportOutcome.Rejected;
}

/// <summary>The records of one kind that a file gave: a canonical file gives one kind, a mapped export may give
/// several.</summary>
public sealed record ImportPart(ImportKind Kind, long Records, long Inserted, long Updated, long Unchanged);

/// <summary>The input was rejected (exit code 3): every error is in <see cref="Summary"/>.</summary>
public sealed class ImportRejectedException(ImportSummary summary)
    : Exception($"{summary.FileName}: {summary.TotalErrors} error(s); nothing was imported.")
{
    public ImportSummary Summary { get; } = summary;
}
