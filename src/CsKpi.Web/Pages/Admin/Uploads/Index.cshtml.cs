using CsKpi.Core.Data;
using CsKpi.Core.Import;
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
/// Admin → Upload, four screens in one page: the upload form (<c>Index.Upload.cs</c>, a kind and a file, or a saved
/// mapping: the monthly upload in one click), the mapping step when the headers are not the canonical ones
/// (<c>Index.Mapping.cs</c>), the import's progress and outcome (<c>Index.Progress.cs</c>), and the import history
/// with the saved mappings. Each screen is a partial of the same name. While demo data is there, a notice offers
/// to remove it (<c>Index.Demo.cs</c>, <c>_Demo</c>).
/// </summary>
[Authorize(Policy = Policies.Admins)]
[EnableRateLimiting(RateLimits.Upload)]
[UploadTooLarge]
public partial class IndexModel(ImportJobs jobs, StagedUploads staged, KpiDbContext db, IOptions<UploadOptions> uploads,
    IOptions<OrganizationOptions> organization, IStringLocalizer<SharedResource> t, DemoRemover demo) : PageModel
{
    /// <summary>The upload form, posted by the Upload handler.</summary>
    [BindProperty] public UploadInput Input { get; set; } = new();
    /// <summary>The mapping step's form, posted by the Map handler.</summary>
    [BindProperty] public MappingInput Mapping { get; set; } = new();

    /// <summary>The import to show, with its state read once: the screen shows one moment of it.</summary>
    public (ImportJob Job, ImportJobState State)? Shown { get; private set; }
    public IReadOnlyList<SavedMapping> Saved { get; private set; } = [];
    public IReadOnlyList<ImportRun> History { get; private set; } = [];
    public string? Problem { get; private set; }
    public long MaxUploadBytes => uploads.Value.MaxUploadBytes;
    public string TimeZone => organization.Value.TimeZone;

    /// <param name="job">The import to show.</param>
    /// <param name="tooLarge">The size of an upload refused unread (<see cref="UploadTooLargeAttribute"/>).</param>
    public async Task OnGetAsync(Guid? job, long? tooLarge, CancellationToken cancellationToken)
    {
        if (tooLarge is { } size)
        {
            var limit = ByteSize.Format(MaxUploadBytes);
            Problem = size > 0
                ? t["This upload is {0}: uploads are limited to {1}.", ByteSize.Format(size), limit].Value
                : t["Uploads are limited to {0}.", limit].Value;
        }
        if (job is { } id && jobs.Find(id) is { } found)
        {
            Shown = (found, found.State);
            Input.Kind = found.Kind.Code();
        }
        await LoadListsAsync(cancellationToken);
    }

    /// <summary>Removes a saved mapping (the imports made with it stay).</summary>
    public async Task<IActionResult> OnPostDeleteMappingAsync(string name, CancellationToken cancellationToken)
    {
        await new MappingStore(db).DeleteAsync(name, cancellationToken);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowProblemAsync(LocalizedString problem, CancellationToken cancellationToken)
    {
        Problem = problem.Value;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        History = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50)
            .ToListAsync(cancellationToken);
        Saved = await new MappingStore(db).ListAsync(cancellationToken);
        await LoadDemoAsync(cancellationToken);
    }

    /// <summary>The staged file's first rows, read in <paramref name="encoding"/>, else in the one detected.</summary>
    private FilePreview ReadPreview(Guid id, int rows, FileEncoding? encoding)
    {
        using var file = System.IO.File.OpenRead(staged.PathOf(id));
        return ColumnMatcher.Preview(file, rows, uploads.Value.MaxLineBytes, encoding);
    }

    /// <summary>The encoding the staged file's bytes say, read once a request (an all-ASCII file is read whole).
    /// </summary>
    private FileEncoding DetectEncoding(Guid id)
    {
        if (_detected is { Upload: var upload, Encoding: var known } && upload == id)
            return known;
        using var file = System.IO.File.OpenRead(staged.PathOf(id));
        _detected = (id, EncodingDetection.Detect(file));
        return _detected.Value.Encoding;
    }

    private (Guid Upload, FileEncoding Encoding)? _detected;
}
