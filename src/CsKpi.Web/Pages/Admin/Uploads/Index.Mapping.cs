using CsKpi.Core.Import;
using CsKpi.Web.Dashboard;
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
    public const int SampleRows = MappingProposal.SampleRows;

    public FilePreview? Preview { get; private set; }
    public MappingCheck? Check { get; private set; }
    /// <summary>The encoding detected from the file's bytes (the preview may be read in another one, chosen).</summary>
    public FileEncoding DetectedEncoding { get; private set; }
    /// <summary>A saved mapping made for files with these columns, filled in on the mapping step.</summary>
    public string? Suggested { get; private set; }
    /// <summary>How the saved mapping chosen with the file differs from it: shown instead of imported.</summary>
    public MappingFit? Fit { get; private set; }
    /// <summary>The channels a value may be translated to: the organisation's list, in the page's language.</summary>
    public ChannelNames? ChannelChoices { get; private set; }

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
        var encoding = Mapping.ChosenEncoding ?? detected;
        mapping = mapping with { Encoding = encoding == detected ? null : encoding.Code() };
        if (Mapping.Step == "add" && ImportKinds.TryParse(Mapping.AddKind, out var added))
        {
            var sample = ReadPreview(id, SampleRows, encoding);
            return await ShowMappingAsync(MappingProposal.WithKind(sample, mapping, added), cancellationToken, sample);
        }
        if (Mapping.RemoveKind is > 0 and var remove && remove < mapping.Kinds.Count)
        {
            var kept = mapping.Kinds.Where((_, i) => i != remove);
            return await ShowMappingAsync(mapping with { Kinds = [.. kept] }, cancellationToken);
        }
        if (Mapping.Step == "export")
            return ExportStep(id, mapping);
        if (Mapping.Step == "load")
            return await LoadDocumentAsync(id, mapping, cancellationToken);
        if (Mapping.Step != "import")
            return await ShowMappingAsync(mapping, cancellationToken);

        if (!DateForms.TryParse(Mapping.Dates, out _))
        {
            Problem = t["Say how this file writes its dates: day first or month first."].Value;
            return await ShowMappingAsync(mapping, cancellationToken);
        }
        // A number of what? Never guessed: read as timestamps, every row would fail.
        if (MappingCheck.UnchosenUnits(ReadPreview(id, ColumnMatcher.ProposalRows, encoding), mapping).Count > 0)
        {
            Problem = t["Say the unit of each duration column: seconds, minutes, hours or hh:mm:ss."].Value;
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

    /// <summary>Shows the mapping step for <paramref name="mapping"/>, checked against a sample of the file (read
    /// unless given): dates as the admin chose, else as the values settle them.</summary>
    private async Task<IActionResult> ShowMappingAsync(ImportMapping mapping, CancellationToken cancellationToken,
        FilePreview? sample = null)
    {
        var upload = Mapping.Upload!.Value;
        var detected = DetectEncoding(upload);
        var encoding = Mapping.ChosenEncoding ?? mapping.ChosenEncoding;
        sample ??= ReadPreview(upload, SampleRows, encoding ?? detected);
        var chosen = DateForms.TryParse(Mapping.Dates, out var form) ? form : (DateForm?)null;
        ChannelChoices = await ChannelNames.LoadAsync(db, cancellationToken);
        await ShowAsync(MappingProposal.Review(sample, mapping, chosen, organization.Value.TimeZoneInfo,
            ChannelChoices.List.Codes), detected, cancellationToken);
        return Page();
    }

    /// <summary>Fills the mapping step in from <paramref name="proposal"/>; <paramref name="detected"/> is the
    /// encoding the file's bytes say (the sample may be read in another one, chosen).</summary>
    private async Task ShowAsync(MappingProposal proposal, FileEncoding detected, CancellationToken cancellationToken)
    {
        (Preview, Check, DetectedEncoding) = (proposal.Sample, proposal.Check, detected);
        Mapping.Encoding = proposal.Sample.Encoding.Code(); // a byte order mark decides over a choice
        if (!DateForms.TryParse(Mapping.Dates, out _))
            Mapping.Dates = proposal.Dates?.Code();
        ChannelChoices ??= await ChannelNames.LoadAsync(db, cancellationToken);
        Mapping.Show(proposal);
        Input.Kind = Mapping.Kind;
        await LoadListsAsync(cancellationToken);
    }

    /// <summary>The file's headers, read in the encoding the step shows (or as its bytes say).</summary>
    private IReadOnlyList<string> Headers(Guid id) =>
        ReadPreview(id, 0, Mapping.ChosenEncoding).Headers;
}
