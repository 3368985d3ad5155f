using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CsKpi.Core.Import;

/// <summary>
/// A mapping as a JSON document (csv-formats.md, "Exports from other tools"): <c>cskpi mapping propose</c> and
/// <c>mapping export</c> print it, <c>cskpi import --mapping-file</c> and <c>mapping import</c> read it, and the
/// upload page's mapping step downloads and reads the same. It is <see cref="ImportMapping"/>'s JSON, indented, with
/// the name it is saved under and the headers of the file it was made for when it has them.
/// </summary>
public static class MappingDocument
{
    private static readonly JsonSerializerOptions Writing = new(ImportMapping.Json) { WriteIndented = true };

    /// <summary>A misspelt or missing field is refused rather than left out: it would change what the mapping does.
    /// </summary>
    private static readonly JsonSerializerOptions Reading = new(ImportMapping.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The reasons a document is refused; {0} is the problem's argument (translated at the edge).</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        "not valid JSON",
        "a field missing, unknown, or with a value it does not take",
        "a mapping feeds at least one kind",
        "not a column of {0}",
        "neither a column of the file nor a fixed value",
        "a name of 1 to 100 characters",
    ];

    public static string Write(ImportMapping mapping) => JsonSerializer.Serialize(mapping, Writing);

    /// <summary>The document as a mapping, or why it is not one (nothing else is read then).</summary>
    public static (ImportMapping? Mapping, IReadOnlyList<MappingDocumentProblem> Problems) Read(string json)
    {
        ImportMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<ImportMapping>(json, Reading);
        }
        catch (JsonException e)
        {
            return (null, [Problem(e)]);
        }
        if (mapping is null)
            return (null, [new MappingDocumentProblem(null, null, "$", Reasons[2])]);
        var problems = Check(mapping).ToList();
        return problems.Count > 0 ? (null, problems) : (mapping, []);
    }

    /// <summary>What the reader lets through that no mapping may hold: no kind, unknown columns, empty sources.
    /// </summary>
    private static IEnumerable<MappingDocumentProblem> Check(ImportMapping mapping)
    {
        if (mapping.Name is { } name && !IsName(name))
            yield return new(null, null, "$.name", Reasons[5]);
        if (mapping.SkipRows is < 0 or > DescriptiveRows.Max)
            yield return new(null, null, "$.skipRows", Reasons[1]);
        if (mapping.Kinds is not { Count: > 0 })
        {
            yield return new(null, null, "$.kinds", Reasons[2]);
            yield break;
        }
        for (var i = 0; i < mapping.Kinds.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"$.kinds[{i}]");
            if (mapping.Kinds[i] is not { Columns: not null } kind)
            {
                yield return new(null, null, path, Reasons[1]);
                continue;
            }
            var columns = kind.Kind.Columns().Select(c => c.Name).ToHashSet();
            foreach (var (column, source) in kind.Columns)
            {
                if (!columns.Contains(column))
                    yield return new(null, null, $"{path}.columns.{column}", Reasons[3], kind.Kind.Code());
                else if (source is null || source.IsEmpty)
                    yield return new(null, null, $"{path}.columns.{column}", Reasons[4]);
            }
        }
    }

    /// <summary>What a mapping may be saved under (<see cref="MappingStore"/>).</summary>
    public static bool IsName(string name) => name.Trim().Length is > 0 and <= 100;

    private static MappingDocumentProblem Problem(JsonException e)
    {
        // LineNumber and BytePositionInLine count from 0.
        var (line, column) = (e.LineNumber + 1, e.BytePositionInLine + 1);
        // The reader's own errors are syntax; the rest are fields (what the message says is not parsed back).
        var reason = e.InnerException is not null ? Reasons[0] : Reasons[1];
        return new MappingDocumentProblem(line, column, e.Path, reason);
    }
}

/// <summary>
/// Why a mapping document is refused: where (a line and column of the JSON when the reader knows them, and the
/// field's path) and a fixed English reason, <c>{0}</c> standing for <paramref name="Argument"/>.
/// </summary>
public sealed record MappingDocumentProblem(long? Line, long? Column, string? Path, string Reason,
    string? Argument = null)
{
    public string Text => Argument is null ? Reason : string.Format(CultureInfo.InvariantCulture, Reason, Argument);

    /// <summary>cli.md's form: <c>line L, column C: reason</c>, with the field's path.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Line is { } line && Column is { } column)
            text.Append(CultureInfo.InvariantCulture, $"line {line}, column {column}: ");
        if (Path is { Length: > 0 } path)
            text.Append(path).Append(": ");
        return text.Append(Text).ToString();
    }
}
