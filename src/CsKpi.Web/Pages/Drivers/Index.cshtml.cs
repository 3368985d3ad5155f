using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Drivers;

/// <summary>Key drivers of CSAT: the importance/performance quadrant with its table beside it.</summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KeyDrivers keyDrivers, DashboardContext dashboard, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public FilterBar Filters { get; private set; } = null!;
    public IReadOnlyList<DriverResult> Drivers { get; private set; } = [];
    public ChartData Quadrant { get; private set; } = null!;
    public DimensionNames Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Filters = new FilterBar(query, view, await dashboard.ChoicesAsync(cancellationToken));
        Drivers = await keyDrivers.AnalyseAsync(view.Period, view.Filters, cancellationToken);
        Names = await dashboard.DimensionNamesAsync(cancellationToken);
        Quadrant = new ChartData("drivers", t["Importance against performance"].Value, "quadrant",
            Drivers.Select(d => Names.Of(d.Dimension)).ToList(),
            [
                // The series' labels are the axis titles (quadrant.js).
                new ChartSeries(t["Performance (mean rating 1–5)"].Value,
                    Drivers.Select(d => d.Performance).ToList()),
                new ChartSeries(t["Importance (correlation with CSAT)"].Value,
                    Drivers.Select(d => d.Importance).ToList()),
            ])
        {
            Unit = "score",
            XScale = ChartAxis.Rating,
            // A correlation: 0–1, or −1–1 when a dimension moves against the score.
            Scale = Drivers.Any(d => d.Importance < 0) ? (-1, 1, 0.5) : (0, 1, 0.2),
            XTitle = t["Performance (mean rating 1–5)"].Value,
            YTitle = t["Importance (correlation with CSAT)"].Value,
            Note = Drivers.Count == 0
                ? t["No dimension has {0} or more ratings on CSAT responses in the period.", KeyDrivers.MinimumRatings]
                    .Value
                : null,
            Links = [.. Drivers.Select(d => RecordLinks.For(Url, query, KpiRegistry.Csat, ("dimension", d.Dimension)))],
        };
        return Page();
    }
}
