using System.Text;
using CsKpi.Core.Import;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>
/// The mapping as a JSON document (<see cref="MappingDocument"/>, the one <c>cskpi mapping</c> reads and prints): the
/// mapping step downloads what it shows and fills itself in from an uploaded one; a saved mapping downloads as one.
/// </summary>
public partial class IndexModel
{
    /// <summary>A mapping document is a few kilobytes: a larger upload is not one.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The document the mapping step was filled in from.</summary>
    public string? Loaded { get; private set; }

    /// <summary>A saved mapping as a document, with its name and the headers it was saved with.</summary>
    public async Task<IActionResult> OnGetExportMappingAsync(string name, CancellationToken cancellationToken) =>
        await new MappingStore(db).ExportAsync(name, cancellationToken) is { } mapping
            ? Document(mapping, name)
            : NotFound();

    /// <summary>The mapping step's mapping as the form holds it, named as it would be saved.</summary>
    private FileContentResult ExportStep(Guid upload, ImportMapping mapping)
    {
        var name = string.IsNullOrWhiteSpace(Mapping.SaveAs) ? null : Mapping.SaveAs.Trim();
        return Document(mapping with { Name = name, Headers = Headers(upload) },
            name ?? Path.GetFileNameWithoutExtension(Mapping.FileName) ?? "mapping");
    }

    /// <summary>
    /// The mapping step filled in from an uploaded document: its dates and name as it says; made for other columns,
    /// what differs is shown as for a saved mapping. A file that is not a mapping leaves the step as it was.
    /// </summary>
    private async Task<IActionResult> LoadDocumentAsync(Guid upload, ImportMapping current,
        CancellationToken cancellationToken)
    {
        if (Mapping.Document is not { Length: > 0 } file)
        {
            Problem = t["Choose a mapping file (JSON) to import."].Value;
            return await ShowMappingAsync(current, cancellationToken);
        }
        var fileName = Path.GetFileName(file.FileName);
        if (file.Length > MaxDocumentBytes)
        {
            Problem = t["{0} is {1}: a mapping file is at most {2}.", fileName, ByteSize.Format(file.Length),
                ByteSize.Format(MaxDocumentBytes)].Value;
            return await ShowMappingAsync(current, cancellationToken);
        }
        string json;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
            json = await reader.ReadToEndAsync(cancellationToken);
        var (loaded, problems) = MappingDocument.Read(json);
        if (loaded is null)
        {
            Problem = t["{0} is not a mapping: {1}", fileName, string.Join("; ", problems.Select(Describe))].Value;
            return await ShowMappingAsync(current, cancellationToken);
        }
        Loaded = fileName;
        Mapping.Dates = loaded.Dates.Code();
        Mapping.SaveAs = loaded.Name ?? Mapping.SaveAs;
        if (loaded.Headers is { } madeFor
            && MappingFit.Of(loaded, madeFor, Headers(upload)) is { Identical: false } fit)
        {
            (Fit, Suggested) = (fit, loaded.Name ?? fileName);
            loaded = fit.Trim(loaded);
        }
        return await ShowMappingAsync(loaded, cancellationToken);
    }

    /// <summary>Where a document's problem is and why, in the reader's language.</summary>
    private string Describe(MappingDocumentProblem problem)
    {
        var reason = problem.Argument is null ? t[problem.Reason].Value : t[problem.Reason, problem.Argument].Value;
        var field = problem.Path is { Length: > 0 } path ? $"{path}: {reason}" : reason;
        return problem.Line is { } line && problem.Column is { } column
            ? t["line {0}, column {1}: {2}", line, column, field].Value
            : field;
    }

    private FileContentResult Document(ImportMapping mapping, string name) =>
        File(Encoding.UTF8.GetBytes(MappingDocument.Write(mapping)), "application/json", DocumentName(name));

    /// <summary>A download name from the mapping's name: letters, digits and dashes.</summary>
    private static string DocumentName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '-')]).Trim('-');
        return (safe.Length > 0 ? safe : "mapping") + ".mapping.json";
    }
}
