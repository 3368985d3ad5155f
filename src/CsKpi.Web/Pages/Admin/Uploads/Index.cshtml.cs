using System.Globalization;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>
/// Admin → Upload: choose a kind and a file; when the headers are not the canonical ones, map them (proposed from
/// header similarity, with a preview); the import runs in the background with progress; then a summary, or every
/// error with a CSV download. Below, the import history.
/// </summary>
[Authorize(Policy = Policies.Admins)]
[EnableRateLimiting(RateLimits.Upload)]
public class IndexModel(ImportJobs jobs, KpiDbContext db, IOptions<UploadOptions> uploads, IOptions<OrganizationOptions> organization, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly string UploadFolder = Path.Combine(Path.GetTempPath(), "cskpi-uploads");

    [BindProperty] public string Kind { get; set; } = ImportKind.Tickets.Code();
    [BindProperty] public IFormFile? CsvFile { get; set; }
    /// <summary>The staged file waiting for its mapping.</summary>
    [BindProperty] public Guid? Upload { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public Dictionary<string, string?> Mapping { get; set; } = [];

    public FilePreview? Preview { get; private set; }
    public ImportJob? Job { get; private set; }
    public IReadOnlyList<ImportRun> History { get; private set; } = [];
    public string? Problem { get; private set; }
    public long MaxUploadBytes => uploads.Value.MaxUploadBytes;
    public IReadOnlyList<ImportColumn> Columns => KindOrDefault.Columns();
    private ImportKind KindOrDefault => ImportKinds.TryParse(Kind, out var kind) ? kind : ImportKind.Tickets;

    public async Task OnGetAsync(Guid? job, CancellationToken cancellationToken)
    {
        Job = job is { } id ? jobs.Find(id) : null;
        if (Job is not null)
            Kind = Job.Kind.Code();
        await LoadHistoryAsync(cancellationToken);
    }

    public IActionResult OnGetProgress(Guid job) =>
        jobs.Find(job) is { } found
            ? new JsonResult(new { done = found.Done, rows = found.Progress.Rows, bytes = found.Progress.BytesRead, total = found.Progress.TotalBytes, stage = found.Progress.Stage })
            : NotFound();

    /// <summary>The errors of a rejected upload as CSV, cells escaped against formula injection.</summary>
    public IActionResult OnGetErrors(Guid job)
    {
        if (jobs.Find(job)?.Summary is not { } summary)
            return NotFound();
        var csv = new StringBuilder("line,column,value,reason\n");
        foreach (var error in summary.Errors)
            csv.Append(CultureInfo.InvariantCulture, $"{error.Line},{Csv.Escape(error.Column)},{Csv.Escape(error.Value ?? "")},{Csv.Escape(t.Reason(error.Reason))}\n");
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(summary.FileName) + "-errors.csv");
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!ImportKinds.TryParse(Kind, out var kind))
            return await ShowProblemAsync(t["Choose what the file holds."], cancellationToken);
        if (CsvFile is { } tooBig && tooBig.Length > MaxUploadBytes)
            return await ShowProblemAsync(t["{0} is {1}: uploads are limited to {2}.", tooBig.FileName, ByteSize.Format(tooBig.Length), ByteSize.Format(MaxUploadBytes)], cancellationToken);
        if (!ModelState.IsValid || CsvFile is null || CsvFile.Length == 0)
            return await ShowProblemAsync(t["Choose a CSV file to upload."], cancellationToken);

        Directory.CreateDirectory(UploadFolder);
        RemoveAbandonedUploads();
        var id = Guid.NewGuid();
        await using (var target = System.IO.File.Create(StagedPath(id)))
            await CsvFile.CopyToAsync(target, cancellationToken);
        FileName = Path.GetFileName(CsvFile.FileName);

        FilePreview preview;
        await using (var staged = System.IO.File.OpenRead(StagedPath(id)))
            preview = ColumnMatcher.Preview(staged);
        if (ColumnMatcher.MatchesCanonically(kind, preview.Headers))
            return StartImport(kind, id, mapping: null);

        // Not our canonical headers: propose a mapping and let the admin check it against a preview.
        Upload = id;
        Preview = preview;
        Mapping = ColumnMatcher.Propose(kind, preview.Headers).ToDictionary(p => p.Key, p => p.Value);
        await LoadHistoryAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMapAsync(CancellationToken cancellationToken)
    {
        if (!ImportKinds.TryParse(Kind, out var kind) || Upload is not { } id || !System.IO.File.Exists(StagedPath(id)))
            return await ShowProblemAsync(t["That upload has expired: please upload the file again."], cancellationToken);
        var mapping = Mapping.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value!);
        return StartImport(kind, id, mapping);
    }

    private RedirectToPageResult StartImport(ImportKind kind, Guid staged, IReadOnlyDictionary<string, string>? mapping)
    {
        var job = jobs.Start(kind, StagedPath(staged), FileName ?? "upload.csv", User.Identity?.Name ?? "admin",
            new ImportOptions { TimeZone = organization.Value.TimeZoneInfo, Mapping = mapping is null ? null : ImportMapping.Columns(kind, mapping) });
        return RedirectToPage(new { job = job.Id });
    }

    private async Task<IActionResult> ShowProblemAsync(LocalizedString problem, CancellationToken cancellationToken)
    {
        Problem = problem.Value;
        await LoadHistoryAsync(cancellationToken);
        return Page();
    }

    private async Task LoadHistoryAsync(CancellationToken cancellationToken) =>
        History = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync(cancellationToken);

    private static string StagedPath(Guid id) => Path.Combine(UploadFolder, id.ToString("N") + ".csv");

    /// <summary>Files uploaded for a mapping step nobody finished are removed after a day.</summary>
    private static void RemoveAbandonedUploads()
    {
        foreach (var file in new DirectoryInfo(UploadFolder).EnumerateFiles("*.csv"))
        {
            if (file.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))
                file.Delete();
        }
    }
}
