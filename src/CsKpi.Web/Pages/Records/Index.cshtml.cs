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
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Pages.Records;

/// <summary>
/// The records behind a number — tickets, interactions or survey responses, with the same period and filters: a
/// server-side paged list, exportable as CSV. Managers open any; an agent only their own, whatever the filters (the
/// viewer scope decides, as everywhere). Survey responses of a group smaller than the privacy threshold are not listed.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard) : PageModel
{
    public Kpi Kpi { get; private set; } = null!;
    /// <summary>The part a chart bar shows (scores=9-10, wait=0, dimension=delivery), kept in the page's links.</summary>
    public RecordSubset Subset { get; private set; } = RecordSubset.All;
    /// <summary>The first-response bar asked for (e.g. "&lt; 5 min").</summary>
    public string? WaitLabel { get; private set; }
    private Dictionary<string, string?> _subsetRoute = [];
    public DashboardQuery Query { get; private set; } = new();
    public ResolvedQuery View { get; private set; } = null!;
    public RecordPage<TicketRecord>? Tickets { get; private set; }
    public RecordPage<InteractionRecord>? Interactions { get; private set; }
    public RecordPage<ResponseRecord>? Responses { get; private set; }
    public RecordPage<CustomerRecord>? Customers { get; private set; }
    /// <summary>Survey responses of fewer than the privacy threshold: counted, not listed.</summary>
    public bool Hidden { get; private set; }
    /// <summary>The tickets carry 1–4 survey responses: their CSAT and NPS columns stay empty.</summary>
    public bool SurveyColumnsHidden { get; private set; }

    public long Total => Tickets?.Total ?? Interactions?.Total ?? Responses?.Total ?? Customers?.Total ?? 0;
    public int PageNumber => Tickets?.Page ?? Interactions?.Page ?? Responses?.Page ?? Customers?.Page ?? 1;
    public int Pages => Tickets?.Pages ?? Interactions?.Pages ?? Responses?.Pages ?? Customers?.Pages ?? 1;

    /// <summary>What the rows are, for headings: tickets, interactions or responses.</summary>
    public string Noun => Kpi.Source switch
    {
        KpiSource.Surveys => "responses",
        KpiSource.Interactions => "interactions",
        KpiSource.Customers => "customers",
        _ => "tickets",
    };

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, [FromQuery(Name = "page")] int page, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        var drill = new Drillthrough(db, Subset);
        page = Math.Max(1, page);
        switch (Kpi.Source)
        {
            case KpiSource.Surveys:
                Responses = await drill.ResponsesAsync(Kpi, View.Period, View.Filters, page, cancellationToken: cancellationToken);
                Hidden = SurveyPrivacy.Hides(Responses.Total);
                if (Hidden)
                    Responses = Responses with { Rows = [] };
                break;
            case KpiSource.Interactions:
                Interactions = await drill.InteractionsAsync(Kpi, View.Period, View.Filters, page, cancellationToken: cancellationToken);
                break;
            case KpiSource.Customers:
                Customers = await drill.CustomersAsync(Kpi, View.Period, page, cancellationToken: cancellationToken);
                break;
            default:
                Tickets = await drill.PageAsync(Kpi, View.Period, View.Filters, page, cancellationToken: cancellationToken);
                if (await SurveyColumnsHiddenAsync(drill, cancellationToken))
                    Tickets = Tickets with { Rows = [.. Tickets.Rows.Select(r => r with { Csat = null, Nps = null })] };
                break;
        }
        return Page();
    }

    /// <summary>One row per record, streamed; cells escaped against formula injection.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        var drill = new Drillthrough(db, Subset);
        if (Kpi.Source == KpiSource.Surveys && SurveyPrivacy.Hides(await drill.ResponsesBehind(Kpi, View.Period, View.Filters).LongCountAsync(cancellationToken)))
            return StatusCode(StatusCodes.Status403Forbidden);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cskpi-{Kpi.Key}-{ReportPeriod.Format(View.Period.From)}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        switch (Kpi.Source)
        {
            case KpiSource.Surveys:
                await WriteAsync(writer, "response_id,submitted_at,survey,score,ticket_id,agent_id,team,comment",
                    drill.AllResponsesAsync(Kpi, View.Period, View.Filters),
                    r => [r.ResponseId, Time(r.SubmittedAt), r.Kind.Code(), Number(r.Score), r.TicketId ?? "", r.Agent ?? "", r.Team ?? "", r.Comment ?? ""],
                    cancellationToken);
                break;
            case KpiSource.Interactions:
                await WriteAsync(writer, "interaction_id,started_at,ticket_id,channel,agent_id,team,talk_seconds,hold_seconds,wrap_seconds",
                    drill.AllInteractionsAsync(Kpi, View.Period, View.Filters),
                    r => [r.InteractionId, Time(r.StartedAt), r.TicketId, r.Channel.Code(), r.Agent, r.Team ?? "",
                        Number(r.TalkSeconds), Number(r.HoldSeconds), Number(r.WrapSeconds)],
                    cancellationToken);
                break;
            case KpiSource.Customers:
                await WriteAsync(writer, "customer_id,customer_since,cancelled_on,segment", drill.AllCustomersAsync(Kpi, View.Period),
                    r => [r.CustomerId, Day(r.CustomerSince), Day(r.CancelledOn), r.Segment ?? ""], cancellationToken);
                break;
            default:
                var hideSurveys = await SurveyColumnsHiddenAsync(drill, cancellationToken);
                await WriteAsync(writer, "ticket_id,created_at,channel,category,agent_id,team,first_response_seconds,resolution_seconds,interactions,handle_seconds,csat,nps",
                    drill.AllAsync(Kpi, View.Period, View.Filters),
                    r => [r.TicketId, Time(r.CreatedAt), r.Channel.Code(), r.Category ?? "", r.Agent ?? "", r.Team ?? "",
                        Number(r.FirstResponseSeconds), Number(r.ResolutionSeconds), Number(r.Interactions), Number(r.HandleSeconds),
                        hideSurveys ? "" : Number(r.Csat), hideSurveys ? "" : Number(r.Nps)],
                    cancellationToken);
                break;
        }
        return new EmptyResult();
    }

    public Dictionary<string, string?> RouteFor(int page) =>
        new(Query.RouteValues().Concat(_subsetRoute)) { ["kpi"] = Kpi.Key, ["page"] = page.ToString(CultureInfo.InvariantCulture) };

    public Dictionary<string, string?> CsvRoute => new(Query.RouteValues().Concat(_subsetRoute)) { ["kpi"] = Kpi.Key, ["handler"] = "Csv" };

    /// <summary>A chart bar's part of the records, from the query string; null when it is malformed or does not fit the KPI's records.</summary>
    private RecordSubset? SubsetFromQuery()
    {
        string? Value(string name) => Request.Query[name] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var (scores, wait, dimension) = (Value("scores"), Value("wait"), Value("dimension"));
        _subsetRoute = new Dictionary<string, string?> { ["scores"] = scores, ["wait"] = wait, ["dimension"] = dimension }
            .Where(v => v.Value is not null).ToDictionary();
        var subset = RecordSubset.All;
        if (scores is not null)
        {
            var parts = scores.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || min > max)
                return null;
            subset = subset with { MinScore = min, MaxScore = max };
        }
        if (wait is not null)
        {
            if (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > ResponseTimeDistribution.Bounds.Count)
                return null;
            WaitLabel = ResponseTimeDistribution.Bucket(index).Label;
            subset = subset with { Wait = index };
        }
        if (dimension is not null)
            subset = subset with { Dimension = dimension };
        var fits = Kpi.Source switch
        {
            KpiSource.Surveys => !subset.NarrowsTickets,
            KpiSource.CreatedTickets => !subset.NarrowsResponses,
            _ => !subset.NarrowsTickets && !subset.NarrowsResponses,
        };
        return fits ? subset : null;
    }

    /// <summary>The tickets' CSAT and NPS columns are survey figures too: hidden when the list carries 1–4 responses.</summary>
    private async Task<bool> SurveyColumnsHiddenAsync(Drillthrough drill, CancellationToken cancellationToken)
    {
        SurveyColumnsHidden = SurveyPrivacy.Hides(await drill.SurveyResponsesOfAsync(Kpi, View.Period, View.Filters, cancellationToken));
        return SurveyColumnsHidden;
    }

    private static async Task WriteAsync<T>(StreamWriter writer, string header, IAsyncEnumerable<T> rows, Func<T, string[]> cells, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(header + "\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await writer.WriteAsync(string.Join(',', cells(row).Select(Csv.Escape)) + "\n");
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private async Task<IActionResult?> ResolveAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        if (query.Kpi is not { } key || KpiRegistry.All.FirstOrDefault(k => k.Key == key) is not { } kpi || !Drillthrough.Supports(kpi))
            return NotFound();
        // An agent's records are their own, whatever the filters; the page's links then name them.
        var viewer = dashboard.Viewer;
        if (await dashboard.ResolveRecordsAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        if (!viewer.SeesEverything)
            query = query with { Agent = view.Filters.Agent };
        // Churn and retention are company-wide: their customers are a company view, which agents don't get.
        if (kpi.Source == KpiSource.Customers && !viewer.SeesEverything)
            return StatusCode(StatusCodes.Status403Forbidden);
        (Kpi, Query, View) = (kpi, query, view);
        if (SubsetFromQuery() is not { } subset)
            return BadRequest();
        Subset = subset;
        return null;
    }
}
