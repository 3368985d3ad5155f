using CsKpi.Core.Import;
using CsKpi.Core.Model;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>The upload form: a file of a kind, imported at once when its headers are CsKpi's own (or a saved
/// mapping is chosen with it), else on to the mapping step with a proposed mapping.</summary>
public partial class IndexModel
{
    public sealed class UploadInput
    {
        public string Kind { get; set; } = ImportKind.Tickets.Code();
        public IFormFile? CsvFile { get; set; }
        /// <summary>A saved mapping chosen with the file: the monthly upload in one click.</summary>
        public string? SavedMapping { get; set; }
        /// <summary>The file's encoding (<see cref="FileEncodings.Code"/>); empty: detected from its bytes.</summary>
        public string? Encoding { get; set; }
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!ImportKinds.TryParse(Input.Kind, out var kind))
            return await ShowProblemAsync(t["Choose what the file holds."], cancellationToken);
        if (Input.CsvFile is { } tooBig && tooBig.Length > MaxUploadBytes)
            return await ShowProblemAsync(t["{0} is {1}: uploads are limited to {2}.", tooBig.FileName,
                ByteSize.Format(tooBig.Length), ByteSize.Format(MaxUploadBytes)], cancellationToken);
        if (!ModelState.IsValid || Input.CsvFile is not { Length: > 0 } csv)
            return await ShowProblemAsync(t["Choose a CSV file to upload."], cancellationToken);
        var store = new MappingStore(db);
        SavedMapping? chosen = null;
        if (!string.IsNullOrWhiteSpace(Input.SavedMapping)
            && (chosen = await store.GetAsync(Input.SavedMapping, cancellationToken)) is null)
            return await ShowProblemAsync(t["No mapping is saved as {0}.", Input.SavedMapping], cancellationToken);

        Guid id;
        await using (var content = csv.OpenReadStream())
            id = await staged.SaveAsync(content, cancellationToken);
        var fileName = Path.GetFileName(csv.FileName);
        FileEncoding? encoding = FileEncodings.TryParse(Input.Encoding, out var named) ? named : null;
        if (chosen is not null)
            return await ApplySavedAsync(id, fileName, chosen, encoding, cancellationToken);

        var preview = ReadPreview(id, ColumnMatcher.ProposalRows, encoding);
        // Canonical headers, or none readable (an empty file, a first line over the limit): the import says which.
        if (preview.Headers.Count == 0 || ColumnMatcher.MatchesCanonically(kind, preview.Headers))
            return StartImport(id, fileName, kind, null, preview.Encoding);

        // Not our canonical headers: a saved mapping made for these columns, else a proposal from its headers and
        // values.
        Mapping = new MappingInput { Upload = id, FileName = fileName, Encoding = encoding?.Code() };
        MappingProposal proposal;
        await using (var file = System.IO.File.OpenRead(staged.PathOf(id)))
        {
            ChannelChoices = await ChannelNames.LoadAsync(db, cancellationToken);
            proposal = await MappingProposal.ProposeAsync(file, kind, store, organization.Value.TimeZoneInfo,
                uploads.Value.MaxLineBytes, ChannelChoices.List.Codes, preview.Encoding, cancellationToken);
        }
        if (proposal.Mapping.Name is { } saved)
            (Suggested, Mapping.SaveAs) = (saved, saved);
        await ShowAsync(proposal, encoding is null ? preview.Encoding : DetectEncoding(id), cancellationToken);
        return Page();
    }

    /// <summary>A saved mapping chosen with the file: imported at once when the file has the columns it was saved
    /// with, else the mapping step shows it with what differs (nothing is applied unseen).</summary>
    private async Task<IActionResult> ApplySavedAsync(Guid id, string fileName, SavedMapping saved,
        FileEncoding? encoding, CancellationToken cancellationToken)
    {
        var mapping = ImportMapping.FromJson(saved.Definition);
        var head = ReadPreview(id, 0, encoding ?? mapping.ChosenEncoding);
        var headers = head.Headers;
        // No readable header: the import says why.
        if (headers.Count == 0 || MappingFit.Of(mapping, saved.Headers, headers) is not { Identical: false } fit)
            return StartImport(id, fileName, mapping.Kind, mapping, head.Encoding);
        Mapping = new MappingInput
        {
            Upload = id,
            FileName = fileName,
            SaveAs = saved.Name,
            Encoding = encoding?.Code(),
        };
        Suggested = saved.Name;
        Fit = fit;
        return await ShowMappingAsync(fit.Trim(mapping), cancellationToken);
    }

    /// <summary>Queues the import of a staged upload, read in <paramref name="encoding"/>, and shows its
    /// progress.</summary>
    private RedirectToPageResult StartImport(Guid upload, string fileName, ImportKind kind, ImportMapping? mapping,
        FileEncoding encoding, MappingToSave? save = null)
    {
        var options = new ImportOptions
        {
            TimeZone = organization.Value.TimeZoneInfo,
            Mapping = mapping,
            Encoding = encoding,
            MaxLineBytes = uploads.Value.MaxLineBytes,
            MaxErrors = ImportJobs.KeptErrors,
        };
        var job = jobs.Start(kind, staged.PathOf(upload), fileName, User.Identity?.Name ?? "admin", options, save);
        return RedirectToPage(new { job = job.Id });
    }
}
