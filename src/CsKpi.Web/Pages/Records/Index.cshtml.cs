using System.Globalization;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Records;

/// <summary>
/// The tickets behind a number, with the same period and filters: a server-side paged list, exportable as CSV.
/// Managers open any; an agent only their own or their team's (the viewer scope decides, as everywhere).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard) : PageModel
{
    public Kpi Kpi { get; private set; } = null!;
    public DashboardQuery Query { get; private set; } = new();
    public ResolvedQuery View { get; private set; } = null!;
    public RecordPage<TicketRecord> Records { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, [FromQuery(Name = "page")] int page, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        Records = await new Drillthrough(db).PageAsync(Kpi, View.Period, View.Filters, Math.Max(1, page), cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>One row per ticket, streamed; cells escaped against formula injection.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cskpi-{Kpi.Key}-{ReportPeriod.Format(View.Period.From)}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        await writer.WriteAsync("ticket_id,created_at,channel,category,agent_id,team,first_response_seconds,resolution_seconds,interactions,handle_seconds,csat,nps\n");
        await foreach (var r in new Drillthrough(db).AllAsync(Kpi, View.Period, View.Filters).WithCancellation(cancellationToken))
        {
            string[] cells =
            [
                r.TicketId, r.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Channel.Code(), r.Category ?? "",
                r.Agent ?? "", r.Team ?? "", Number(r.FirstResponseSeconds), Number(r.ResolutionSeconds),
                r.Interactions.ToString(CultureInfo.InvariantCulture), r.HandleSeconds.ToString(CultureInfo.InvariantCulture), Number(r.Csat), Number(r.Nps),
            ];
            await writer.WriteAsync(string.Join(',', cells.Select(Csv.Escape)) + "\n");
        }
        return new EmptyResult();
    }

    public Dictionary<string, string?> RouteFor(int page) => new(Query.RouteValues()) { ["kpi"] = Kpi.Key, ["page"] = page.ToString(CultureInfo.InvariantCulture) };

    public Dictionary<string, string?> CsvRoute => new(Query.RouteValues()) { ["kpi"] = Kpi.Key, ["handler"] = "Csv" };

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private async Task<IActionResult?> ResolveAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        if (query.Kpi is not { } key || KpiRegistry.All.FirstOrDefault(k => k.Key == key) is not { } kpi || !Drillthrough.Supports(kpi))
            return NotFound();
        // An agent's list is their own tickets unless they ask for their team's.
        var viewer = dashboard.Viewer;
        if (!viewer.SeesEverything && query.Agent is null && query.Team is null)
            query = query with { Agent = viewer.LinkedAgentId };
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        (Kpi, Query, View) = (kpi, query, view);
        return null;
    }
}
