using CsKpi.Core.Import;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>
/// The mapping step: columns proposed from header similarity (or from a saved mapping with the same columns), other
/// kinds fed by the same rows, values to translate, how dates are written (decided from the values; asked when day
/// and month cannot be told apart), agents by name, a preview of the parsed records, and a name to save it under.
/// </summary>
public partial class IndexModel
{
    /// <summary>Rows read to decide how dates are written and which values need translating.</summary>
    public const int SampleRows = 10_000;

    public FilePreview? Preview { get; private set; }
    public MappingCheck? Check { get; private set; }
    /// <summary>The encoding detected from the file's bytes (the preview may be read in another one, chosen).</summary>
    public FileEncoding DetectedEncoding { get; private set; }
    /// <summary>A saved mapping made for files with these columns, filled in on the mapping step.</summary>
    public string? Suggested { get; private set; }
    /// <summary>How the saved mapping chosen with the file differs from it: shown instead of imported.</summary>
    public MappingFit? Fit { get; private set; }

    /// <summary>The mapping step's buttons: add or remove a kind, check against the first rows, import.</summary>
    public async Task<IActionResult> OnPostMapAsync(CancellationToken cancellationToken)
    {
        if (Mapping.Upload is not { } id || !staged.Exists(id) || !ImportKinds.TryParse(Mapping.Kind, out _))
            return await ShowProblemAsync(t["That upload has expired: please upload the file again."],
                cancellationToken);
        if (Mapping.Step == "cancel")
        {
            staged.Delete(id);
            return RedirectToPage();
        }
        var mapping = Mapping.ToMapping();
        // The encoding the admin chose, kept in the mapping only when it is not what detection says.
        var detected = DetectEncoding(id);
        var encoding = FileEncodings.TryParse(Mapping.Encoding, out var named) ? named : detected;
        mapping = mapping with { Encoding = encoding == detected ? null : encoding.Code() };
        if (Mapping.Step == "add" && ImportKinds.TryParse(Mapping.AddKind, out var added))
        {
            var sample = ReadPreview(id, ColumnMatcher.ProposalRows, encoding);
            var alongside = ColumnMatcher.ProposeAlongside(added, sample.Headers, mapping.Kinds[0], sample.Rows);
            return await ShowMappingAsync(mapping with { Kinds = [.. mapping.Kinds, alongside] }, cancellationToken);
        }
        if (Mapping.RemoveKind is > 0 and var remove && remove < mapping.Kinds.Count)
        {
            var kept = mapping.Kinds.Where((_, i) => i != remove);
            return await ShowMappingAsync(mapping with { Kinds = [.. kept] }, cancellationToken);
        }
        if (Mapping.Step != "import")
            return await ShowMappingAsync(mapping, cancellationToken);

        if (!DateForms.TryParse(Mapping.Dates, out _))
        {
            Problem = t["Say how this file writes its dates: day first or month first."].Value;
            return await ShowMappingAsync(mapping, cancellationToken);
        }
        MappingToSave? save = null;
        if (!string.IsNullOrWhiteSpace(Mapping.SaveAs))
        {
            if (Mapping.SaveAs.Trim().Length > 100)
            {
                Problem = t["A mapping's name has 1 to 100 characters."].Value;
                return await ShowMappingAsync(mapping, cancellationToken);
            }
            // Saved by the runner once the import succeeds: a failed or cancelled import saves nothing.
            save = new MappingToSave(Mapping.SaveAs.Trim(), mapping, ReadPreview(id, 0, encoding).Headers);
        }
        return StartImport(id, Mapping.FileName ?? "upload.csv", mapping.Kind, mapping, encoding, save);
    }

    /// <summary>Shows the mapping step for <paramref name="mapping"/>, checked against a sample of the file.</summary>
    private async Task<IActionResult> ShowMappingAsync(ImportMapping mapping, CancellationToken cancellationToken)
    {
        var upload = Mapping.Upload!.Value;
        DetectedEncoding = DetectEncoding(upload);
        var chosen = FileEncodings.TryParse(Mapping.Encoding, out var named) ? named : mapping.ChosenEncoding;
        Preview = ReadPreview(upload, SampleRows, chosen ?? DetectedEncoding);
        Mapping.Encoding = Preview.Encoding.Code(); // a byte order mark decides over a choice
        // How dates are written: the admin's choice, else what the values settle.
        var detected = MappingCheck.DetectDates(Preview, mapping);
        if (!DateForms.TryParse(Mapping.Dates, out var form))
        {
            Mapping.Dates = detected.Settled?.Code();
            form = detected.Settled ?? DateForm.Iso;
        }
        mapping = mapping with { Dates = form };
        Check = MappingCheck.Run(Preview, mapping, organization.Value.TimeZoneInfo, dates: detected);
        Mapping.Show(mapping, Preview, Check);
        Input.Kind = Mapping.Kind;
        await LoadListsAsync(cancellationToken);
        return Page();
    }
}
