using System.Globalization;
using System.Text;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>
/// An import's screen: queued, then progress (polled by upload.js), then a summary, or every error with a CSV
/// download. A queued or running import may be cancelled: its transaction rolls back, nothing is written.
/// </summary>
public partial class IndexModel
{
    public IActionResult OnGetProgress(Guid job)
    {
        if (jobs.Find(job)?.State is not { } state)
            return NotFound();
        var progress = state.Progress;
        return new JsonResult(new
        {
            done = state.Done,
            queued = state.Status == ImportJobStatus.Queued,
            rows = progress.Rows,
            bytes = progress.BytesRead,
            total = progress.TotalBytes,
            stage = progress.Stage,
        });
    }

    /// <summary>The errors of a rejected upload as CSV, cells escaped against formula injection.</summary>
    public IActionResult OnGetErrors(Guid job)
    {
        if (jobs.Find(job)?.Summary is not { } summary)
            return NotFound();
        var csv = new StringBuilder("line,column,value,reason\n");
        foreach (var error in summary.Errors)
        {
            var (column, value, reason) = (Csv.Escape(error.Column), Csv.Escape(error.Value ?? ""), t.Reason(error));
            csv.Append(CultureInfo.InvariantCulture, $"{error.Line},{column},{value},{Csv.Escape(reason)}\n");
        }
        var fileName = Path.GetFileNameWithoutExtension(summary.FileName) + "-errors.csv";
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", fileName);
    }

    public IActionResult OnPostCancelImport(Guid job)
    {
        jobs.Cancel(job);
        return RedirectToPage(new { job });
    }
}
