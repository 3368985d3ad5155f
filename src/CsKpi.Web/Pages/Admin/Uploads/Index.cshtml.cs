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
/// Admin → Upload: choose a kind and a file (or a saved mapping: the monthly upload in one click). When the headers
/// are not the canonical ones, the mapping step: columns proposed from header similarity (or from a saved mapping
/// with the same columns), other kinds fed by the same rows, values to translate, how dates are written (decided from
/// the values; asked when day and month cannot be told apart), agents by name, a preview of the parsed records, and
/// a name to save it under. The import runs in the background with progress; then a summary, or every error with a
/// CSV download. Below, the import history.
/// </summary>
[Authorize(Policy = Policies.Admins)]
[EnableRateLimiting(RateLimits.Upload)]
[UploadTooLarge]
public class IndexModel(ImportJobs jobs, StagedUploads staged, KpiDbContext db, IOptions<UploadOptions> uploads,
    IOptions<OrganizationOptions> organization, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Rows read to decide how dates are written and which values need translating.</summary>
    public const int SampleRows = 10_000;

    [BindProperty] public string Kind { get; set; } = ImportKind.Tickets.Code();
    [BindProperty] public IFormFile? CsvFile { get; set; }
    /// <summary>A saved mapping chosen with the file (one click), or the one to use on the mapping step.</summary>
    [BindProperty] public string? SavedMapping { get; set; }
    /// <summary>The staged file waiting for its mapping.</summary>
    [BindProperty] public Guid? Upload { get; set; }
    [BindProperty] public string? FileName { get; set; }

    // The mapping step's form: the kinds fed by each row (the first is the file's own), then per kind and column
    // ("0.channel": kind 0, column channel) the file's column or a fixed value, and the value translations.
    [BindProperty] public List<string> Kinds { get; set; } = [];
    [BindProperty] public List<ColumnChoice> ColumnChoices { get; set; } = [];
    [BindProperty] public List<ValueChoice> ValueChoices { get; set; } = [];
    [BindProperty] public string? Dates { get; set; }
    [BindProperty] public bool AgentsByName { get; set; }
    [BindProperty] public bool CreateAgents { get; set; }
    [BindProperty] public string? TeamHeader { get; set; }
    [BindProperty] public string? SaveAs { get; set; }
    [BindProperty] public string? AddKind { get; set; }
    [BindProperty] public int? RemoveKind { get; set; }
    [BindProperty] public string? Step { get; set; }

    public FilePreview? Preview { get; private set; }
    public MappingCheck? Check { get; private set; }
    /// <summary>A saved mapping made for files with these columns, filled in on the mapping step.</summary>
    public string? Suggested { get; private set; }
    public IReadOnlyList<SavedMapping> Saved { get; private set; } = [];
    public ImportJob? Job { get; private set; }
    public IReadOnlyList<ImportRun> History { get; private set; } = [];
    public string? Problem { get; private set; }
    public long MaxUploadBytes => uploads.Value.MaxUploadBytes;
    public string TimeZone => organization.Value.TimeZone;
    private ImportKind KindOrDefault => ImportKinds.TryParse(Kind, out var kind) ? kind : ImportKind.Tickets;

    public sealed class ColumnChoice
    {
        public string Target { get; set; } = "";
        public string? Header { get; set; }
        public string? Fixed { get; set; }
    }

    public sealed class ValueChoice
    {
        public string Target { get; set; } = "";
        public string From { get; set; } = "";
        public string? To { get; set; }
    }

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
        Job = job is { } id ? jobs.Find(id) : null;
        if (Job is not null)
            Kind = Job.Kind.Code();
        await LoadListsAsync(cancellationToken);
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
            csv.Append(CultureInfo.InvariantCulture, $"{error.Line},{Csv.Escape(error.Column)},{Csv.Escape(error.Value ?? "")},{Csv.Escape(t.Reason(error))}\n");
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
        ImportMapping? chosen = null;
        if (!string.IsNullOrWhiteSpace(SavedMapping) && (chosen = await new MappingStore(db).FindAsync(SavedMapping, cancellationToken)) is null)
            return await ShowProblemAsync(t["No mapping is saved as {0}.", SavedMapping], cancellationToken);

        Guid id;
        await using (var content = CsvFile.OpenReadStream())
            id = await staged.SaveAsync(content, cancellationToken);
        FileName = Path.GetFileName(CsvFile.FileName);
        if (chosen is not null)
            return StartImport(id, chosen);

        var preview = ReadPreview(id, ColumnMatcher.ProposalRows);
        // Canonical headers, or none readable (an empty file, a first line over the limit): the import says which.
        if (preview.Headers.Count == 0 || ColumnMatcher.MatchesCanonically(kind, preview.Headers))
            return StartImport(id, null);

        // Not our canonical headers: a saved mapping made for these columns, else a proposal from the header names.
        Upload = id;
        var suggested = (await new MappingStore(db).MatchingAsync(preview.Headers, cancellationToken)).FirstOrDefault();
        ImportMapping mapping;
        if (suggested is not null)
        {
            Suggested = suggested.Name;
            SaveAs = suggested.Name;
            mapping = ImportMapping.FromJson(suggested.Definition);
        }
        else
        {
            mapping = new ImportMapping { Kinds = [ColumnMatcher.ProposeKind(kind, preview.Headers, preview.Rows)] };
        }
        return await ShowMappingAsync(mapping, cancellationToken);
    }

    /// <summary>The mapping step's buttons: add or remove a kind, check against the first rows, import.</summary>
    public async Task<IActionResult> OnPostMapAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { } id || !staged.Exists(id) || !ImportKinds.TryParse(Kind, out _))
            return await ShowProblemAsync(t["That upload has expired: please upload the file again."], cancellationToken);
        if (Step == "cancel")
        {
            staged.Delete(id);
            return RedirectToPage();
        }
        var mapping = FormMapping();
        if (Step == "add" && ImportKinds.TryParse(AddKind, out var added))
        {
            var sample = ReadPreview(id, ColumnMatcher.ProposalRows);
            var alongside = ColumnMatcher.ProposeAlongside(added, sample.Headers, mapping.Kinds[0], sample.Rows);
            return await ShowMappingAsync(mapping with { Kinds = [.. mapping.Kinds, alongside] }, cancellationToken);
        }
        if (RemoveKind is > 0 and var remove && remove < mapping.Kinds.Count)
            return await ShowMappingAsync(mapping with { Kinds = [.. mapping.Kinds.Where((_, i) => i != remove)] }, cancellationToken);
        if (Step != "import")
            return await ShowMappingAsync(mapping, cancellationToken);

        if (!DateForms.TryParse(Dates, out _))
        {
            Problem = t["Say how this file writes its dates: day first or month first."].Value;
            return await ShowMappingAsync(mapping, cancellationToken);
        }
        if (!string.IsNullOrWhiteSpace(SaveAs))
        {
            if (SaveAs.Trim().Length > 100)
            {
                Problem = t["A mapping's name has 1 to 100 characters."].Value;
                return await ShowMappingAsync(mapping, cancellationToken);
            }
            await new MappingStore(db).SaveAsync(SaveAs, mapping, Headers(id), User.Identity?.Name ?? "admin", cancellationToken);
        }
        return StartImport(id, mapping);
    }

    /// <summary>Removes a saved mapping (the imports made with it stay).</summary>
    public async Task<IActionResult> OnPostDeleteMappingAsync(string name, CancellationToken cancellationToken)
    {
        await new MappingStore(db).DeleteAsync(name, cancellationToken);
        return RedirectToPage();
    }

    /// <summary>The mapping the form describes.</summary>
    private ImportMapping FormMapping()
    {
        var kinds = Kinds.Count > 0 ? Kinds : [Kind];
        var mapped = kinds.Select((code, index) =>
        {
            var kind = ImportKinds.TryParse(code, out var k) ? k : KindOrDefault;
            var prefix = index.ToString(CultureInfo.InvariantCulture) + ".";
            var columns = new Dictionary<string, ColumnSource>();
            foreach (var choice in ColumnChoices.Where(c => c.Target.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var column = choice.Target[prefix.Length..];
                var values = ValueChoices.Where(v => v.Target == choice.Target && !string.IsNullOrWhiteSpace(v.To))
                    .GroupBy(v => v.From.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().To!.Trim(), StringComparer.OrdinalIgnoreCase);
                var source = new ColumnSource
                {
                    Header = string.IsNullOrWhiteSpace(choice.Header) ? null : choice.Header,
                    Value = string.IsNullOrWhiteSpace(choice.Header) && !string.IsNullOrWhiteSpace(choice.Fixed) ? choice.Fixed.Trim() : null,
                    Values = values.Count > 0 ? values : null,
                };
                if (!source.IsEmpty)
                    columns[column] = source;
            }
            return new MappedKind(kind, columns);
        }).ToList();
        return new ImportMapping
        {
            Kinds = mapped,
            Dates = DateForms.TryParse(Dates, out var dates) ? dates : DateForm.Iso,
            AgentsByName = AgentsByName,
            CreateAgents = AgentsByName && CreateAgents,
            TeamHeader = string.IsNullOrWhiteSpace(TeamHeader) ? null : TeamHeader,
        };
    }

    /// <summary>Shows the mapping step for <paramref name="mapping"/>: the form filled in from it, checked against a sample of the file.</summary>
    private async Task<IActionResult> ShowMappingAsync(ImportMapping mapping, CancellationToken cancellationToken)
    {
        Preview = ReadPreview(Upload!.Value, SampleRows);
        // How dates are written: the admin's choice, else what the values settle.
        var detected = MappingCheck.DetectDates(Preview, mapping);
        if (!DateForms.TryParse(Dates, out var form))
        {
            Dates = detected.Settled?.Code();
            form = detected.Settled ?? DateForm.Iso;
        }
        mapping = mapping with { Dates = form };
        Check = MappingCheck.Run(Preview, mapping, organization.Value.TimeZoneInfo, dates: detected);
        Kind = mapping.Kind.Code();
        Kinds = [.. mapping.Kinds.Select(k => k.Kind.Code())];
        ColumnChoices = [.. mapping.Kinds.SelectMany((k, i) => k.Kind.Columns().Select(c => new ColumnChoice
        {
            Target = $"{i.ToString(CultureInfo.InvariantCulture)}.{c.Name}",
            Header = k.Source(c.Name)?.Header is { } header ? Preview.Headers.FirstOrDefault(h => ImportKinds.NormalizeHeader(h) == ImportKinds.NormalizeHeader(header)) : null,
            Fixed = k.Source(c.Name)?.Value,
        }))];
        ValueChoices = [.. Check.Values.SelectMany(u =>
        {
            var index = u.KindIndex;
            var known = mapping.Kinds[index].Source(u.Column)?.Values;
            return u.Values.Select(v => new ValueChoice
            {
                Target = $"{index.ToString(CultureInfo.InvariantCulture)}.{u.Column}",
                From = v,
                To = known?.FirstOrDefault(x => string.Equals(x.Key, v, StringComparison.OrdinalIgnoreCase)).Value ?? ColumnMatcher.ProposeValue(u.Type, v),
            });
        })];
        AgentsByName = mapping.AgentsByName;
        CreateAgents = mapping.CreateAgents;
        TeamHeader = mapping.TeamHeader;
        ModelState.Clear(); // show the values set here, not the posted ones
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    private IReadOnlyList<string> Headers(Guid id) => ReadPreview(id, 0).Headers;

    private FilePreview ReadPreview(Guid id, int rows)
    {
        using var file = System.IO.File.OpenRead(staged.PathOf(id));
        return ColumnMatcher.Preview(file, rows, uploads.Value.MaxLineBytes);
    }

    private RedirectToPageResult StartImport(Guid upload, ImportMapping? mapping)
    {
        var options = new ImportOptions
        {
            TimeZone = organization.Value.TimeZoneInfo,
            Mapping = mapping,
            MaxLineBytes = uploads.Value.MaxLineBytes,
        };
        var job = jobs.Start(mapping?.Kind ?? KindOrDefault, staged.PathOf(upload), FileName ?? "upload.csv",
            User.Identity?.Name ?? "admin", options);
        return RedirectToPage(new { job = job.Id });
    }

    private async Task<IActionResult> ShowProblemAsync(LocalizedString problem, CancellationToken cancellationToken)
    {
        Problem = problem.Value;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        History = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync(cancellationToken);
        Saved = await new MappingStore(db).ListAsync(cancellationToken);
    }
}
