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

namespace CsKpi.Web.Pages.Breakdown;

/// <summary>
/// KPIs by team, agent, channel or category: sortable, each row drills down to the overview, exportable to CSV.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KpiDbContext db, KpiReports reports, DashboardContext dashboard) : PageModel
{
    public static readonly IReadOnlyList<Grouping> Dimensions =
        [Grouping.Team, Grouping.Agent, Grouping.Channel, Grouping.Category];

    /// <summary>
    /// The columns on screen (the CSV has every KPI); narrow screens scroll them sideways under a sticky first column.
    /// </summary>
    public static readonly IReadOnlyList<Kpi> Columns = new[]
    {
        KpiRegistry.TicketVolume, KpiRegistry.Csat, KpiRegistry.Nps, KpiRegistry.Fcr, KpiRegistry.Aht,
        KpiRegistry.FirstResponseMedian, KpiRegistry.ResolutionMedian, KpiRegistry.ReopenRate,
    }.Select(KpiRegistry.Get).ToList();

    public DashboardQuery Query { get; private set; } = new();
    public FilterBar Filters { get; private set; } = null!;
    public Grouping By { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>
    /// One group with its visible values and the overview query that drills down to it (null for "(none)").
    /// </summary>
    public sealed record Row(
        string Label,
        IReadOnlyDictionary<string, KpiValue> Kpis,
        Dictionary<string, string?>? DrillDown,
        string? Key)
    {
        /// <summary>The row's heading on the page: agents as "name (id)", since names repeat.</summary>
        public string Heading { get; init; } = Label;

        /// <summary>Each KPI's on / near / off target status, null where no target applies.</summary>
        public IReadOnlyDictionary<string, TargetStatus?> Status { get; init; } =
            new Dictionary<string, TargetStatus?>();
    }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery] DashboardQuery query,
        [FromQuery] string? by,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(query, by, cancellationToken) is { } refused)
            return refused;
        Filters = new FilterBar(query, Filters.View, await dashboard.ChoicesAsync(cancellationToken))
        {
            Hidden = new Dictionary<string, string> { ["by"] = By.Code() },
        };
        return Page();
    }

    /// <summary>
    /// The same rows as CSV, every KPI at full precision; every cell escaped against formula injection.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(
        [FromQuery] DashboardQuery query,
        [FromQuery] string? by,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(query, by, cancellationToken) is { } refused)
            return refused;
        var kpis = KpiRegistry.All.Where(k => k.FiltersApply).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', new[] { By.Code(), "name" }.Concat(kpis.Select(k => k.Key)).Select(Csv.Escape))
            .Append('\n');
        foreach (var row in Rows)
        {
            var values = kpis.Select(k => row.Kpis[k.Key].Value?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            csv.AppendJoin(',', new[] { row.Key ?? "", row.Label }.Concat(values).Select(Csv.Escape)).Append('\n');
        }
        var period = Filters.View.Period;
        var name = $"cskpi-{By.Code()}-{ReportPeriod.Format(period.From)}-" +
            $"{ReportPeriod.Format(period.To.AddDays(-1))}.csv";
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    private async Task<IActionResult?> LoadAsync(DashboardQuery query, string? by, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Query = query;
        By = Groupings.TryParse(by, out var grouping) && Dimensions.Contains(grouping) ? grouping : Grouping.Team;
        var channels = await ChannelNames.LoadAsync(db, cancellationToken);
        Filters = new FilterBar(query, view, new FilterChoices([], [], [], channels));
        var report = await reports
            .RunAsync(new KpiRequest(view.Period, view.Filters, By), cancellationToken);
        var targets = await KpiTargets.LoadAsync(db, cancellationToken);
        Rows = (report.Groups ?? []).Select(g =>
        {
            var kpis = g.Kpis.ToDictionary(k => k.Key, k => KpiCard.Visible(KpiRegistry.Get(k.Key), k.Value));
            // A team's row is held to the team's target, a channel's row to the channel's, others to the filters'.
            var scope = By switch
            {
                Grouping.Team when g.Key is not null => view.Filters with { Team = g.Key },
                Grouping.Channel when Channels.TryParse(g.Key, out var channel) =>
                    view.Filters with { Channel = channel },
                _ => view.Filters,
            };
            var status = kpis.ToDictionary(k => k.Key,
                k => targets.Status(KpiRegistry.Get(k.Key), k.Value.Value, scope));
            var label = By == Grouping.Channel && g.Key is not null ? channels.Of(g.Key) : g.Label ?? "(none)";
            return new Row(label, kpis, g.Key is { } key ? DrillDown(query, key) : null, g.Key)
            {
                Status = status,
                Heading = By == Grouping.Agent && g.Key is { } id ? AgentChoice.LabelOf(label, id) : label,
            };
        }).ToList();
        return null;
    }

    private Dictionary<string, string?> DrillDown(DashboardQuery query, string key) => (By switch
    {
        Grouping.Team => query with { Team = key },
        Grouping.Agent => query with { Agent = key },
        Grouping.Channel => query with { Channel = key },
        _ => query with { Category = key },
    }).RouteValues();

    public Dictionary<string, string?> RouteFor(Grouping by) => new(Query.RouteValues()) { ["by"] = by.Code() };
}
