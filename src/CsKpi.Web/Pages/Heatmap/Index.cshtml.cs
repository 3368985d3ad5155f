using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Heatmap;

/// <summary>Ticket volume by hour × weekday of creation, in the organisation's time zone: a table of numbers.</summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard) : PageModel
{
    /// <summary>Shades of a cell: 0 (none) … 4 (the busiest hour); the number is always written in the cell.</summary>
    public const int Shades = 4;

    public FilterBar Filters { get; private set; } = null!;
    public IReadOnlyList<HeatmapCell> Cells { get; private set; } = [];
    public long Busiest { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Filters = new FilterBar(query, view, await dashboard.ChoicesAsync(cancellationToken));
        Cells = await new VolumeHeatmap(db).AnalyseAsync(view.Period, view.Filters, cancellationToken);
        Busiest = Cells.Max(c => c.Tickets);
        return Page();
    }

    public HeatmapCell Cell(int weekday, int hour) => Cells[((weekday - 1) * 24) + hour];

    /// <summary>The cell's shade, proportional to the busiest cell (0 only for no tickets).</summary>
    public int Shade(long tickets) =>
        tickets == 0 || Busiest == 0 ? 0 : (int)Math.Max(1, Math.Ceiling((double)tickets * Shades / Busiest));
}
