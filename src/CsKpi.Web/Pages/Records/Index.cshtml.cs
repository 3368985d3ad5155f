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
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Pages.Records;

/// <summary>
/// The records behind a number — tickets, interactions or survey responses, with the same period and filters: a
/// server-side paged list, exportable as CSV. Managers open any; an agent only their own, whatever the filters (the
/// viewer scope decides, as everywhere). Survey responses of a group smaller than the privacy threshold are not listed.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard, IStringLocalizer<SharedResource> t,
    IOptions<OrganizationOptions> organization) : PageModel
{
    private ChannelNames? _channels;
    /// <summary>Display names of survey dimensions, for the subset's note.</summary>
    public DimensionNames? Dimensions { get; private set; }
    private IReadOnlyDictionary<string, string> _agentNames = new Dictionary<string, string>();

    public Kpi Kpi { get; private set; } = null!;
    /// <summary>
    /// The part a chart bar shows (scores=9-10, wait=0, dimension=delivery), kept in the page's links.
    /// </summary>
    public RecordSubset Subset { get; private set; } = RecordSubset.All;
    /// <summary>The first-response bar asked for (e.g. "&lt; 5 min").</summary>
    public string? WaitLabel { get; private set; }
    private Dictionary<string, string?> _subsetRoute = [];
    public DashboardQuery Query { get; private set; } = new();
    public ResolvedQuery View { get; private set; } = null!;
    /// <summary>This page of records, as the columns of their kind show them (<see cref="RecordColumns"/>).</summary>
    public RecordTable Table { get; private set; } = new([], []);
    public long Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    /// <summary>Survey responses of fewer than the privacy threshold: counted, not listed.</summary>
    public bool Hidden { get; private set; }
    /// <summary>The tickets carry 1–4 survey responses: their CSAT and NPS columns stay empty.</summary>
    public bool SurveyColumnsHidden { get; private set; }
    /// <summary>Retention: new customers who left within the period, which its numerator subtracts too.</summary>
    public long NewCustomersLost { get; private set; }

    /// <summary>What the rows are, for headings: tickets, interactions or responses.</summary>
    public string Noun => Kpi.Source switch
    {
        KpiSource.Surveys => "responses",
        KpiSource.Interactions => "interactions",
        KpiSource.Customers => "customers",
        _ => "tickets",
    };

    public async Task<IActionResult> OnGetAsync(
        [FromQuery] DashboardQuery query,
        [FromQuery(Name = "page")] int page,
        CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        var drill = new Drillthrough(db, Subset);
        _channels = await ChannelNames.LoadAsync(db, cancellationToken);
        Dimensions = await DimensionNames.LoadAsync(db, cancellationToken);
        _agentNames = (await dashboard.AgentsAsync(cancellationToken))
            .ToDictionary(a => a.SourceId, a => a.Name);
        page = Math.Max(1, page);
        switch (Kpi.Source)
        {
            case KpiSource.Surveys:
                var responses = await drill.ResponsesAsync(Kpi, View.Period, View.Filters, page,
                    cancellationToken: cancellationToken);
                Hidden = SurveyPrivacy.Hides(responses.Total);
                Show(RecordColumns.Responses, Hidden ? responses with { Rows = [] } : responses);
                break;
            case KpiSource.Interactions:
                Show(RecordColumns.Interactions,
                    await drill.InteractionsAsync(Kpi, View.Period, View.Filters, page,
                        cancellationToken: cancellationToken));
                break;
            case KpiSource.Customers:
                Show(RecordColumns.Customers,
                    await drill.CustomersAsync(Kpi, View.Period, page, cancellationToken: cancellationToken));
                if (Kpi.Key == KpiRegistry.Retention)
                    NewCustomersLost = await drill.NewCustomersLost(View.Period).LongCountAsync(cancellationToken);
                break;
            default:
                var tickets = await drill.PageAsync(Kpi, View.Period, View.Filters, page,
                    cancellationToken: cancellationToken);
                var hideSurveys = await SurveyColumnsHiddenAsync(drill, cancellationToken);
                Show(RecordColumns.Tickets,
                    tickets with { Rows = [.. tickets.Rows.Select(r => WithoutSurveys(r, hideSurveys))] });
                break;
        }
        return Page();
    }

    private void Show<T>(IReadOnlyList<RecordColumn<T>> columns, RecordPage<T> records)
    {
        Table = RecordTable.Of(columns, records.Rows,
            new RecordCulture(t, CultureInfo.CurrentCulture, _channels!)
            {
                TimeZone = View.Period.TimeZone,
                TicketLinks = new TicketLinks(organization.Value.TicketUrl),
                AgentNames = _agentNames,
            });
        (Total, PageNumber, Pages) = (records.Total, records.Page, records.Pages);
    }

    /// <summary>A ticket's CSAT and NPS are survey figures: left out when the list carries too few responses.</summary>
    private static TicketRecord WithoutSurveys(TicketRecord ticket, bool hide) =>
        hide ? ticket with { Csat = null, Nps = null } : ticket;

    /// <summary>One row per record, streamed; cells escaped against formula injection.</summary>
    public async Task<IActionResult> OnGetCsvAsync(
        [FromQuery] DashboardQuery query,
        CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query, cancellationToken) is { } refused)
            return refused;
        var drill = new Drillthrough(db, Subset);
        if (Kpi.Source == KpiSource.Surveys && SurveyPrivacy.Hides(
                await drill.ResponsesBehind(Kpi, View.Period, View.Filters).LongCountAsync(cancellationToken)))
            return StatusCode(StatusCodes.Status403Forbidden);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition =
            $"attachment; filename=\"cskpi-{Kpi.Key}-{ReportPeriod.Format(View.Period.From)}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        switch (Kpi.Source)
        {
            case KpiSource.Surveys:
                await WriteAsync(writer, RecordColumns.Responses,
                    drill.AllResponsesAsync(Kpi, View.Period, View.Filters),
                    cancellationToken);
                break;
            case KpiSource.Interactions:
                await WriteAsync(writer, RecordColumns.Interactions,
                    drill.AllInteractionsAsync(Kpi, View.Period, View.Filters),
                    cancellationToken);
                break;
            case KpiSource.Customers:
                await WriteAsync(writer, RecordColumns.Customers, drill.AllCustomersAsync(Kpi, View.Period),
                    cancellationToken);
                break;
            default:
                var hideSurveys = await SurveyColumnsHiddenAsync(drill, cancellationToken);
                await WriteAsync(writer, RecordColumns.Tickets,
                    drill.AllAsync(Kpi, View.Period, View.Filters).Select(r => WithoutSurveys(r, hideSurveys)),
                    cancellationToken);
                break;
        }
        return new EmptyResult();
    }

    public Dictionary<string, string?> RouteFor(int page) =>
        new(Query.RouteValues().Concat(_subsetRoute))
        {
            ["kpi"] = Kpi.Key,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        };

    public Dictionary<string, string?> CsvRoute =>
        new(Query.RouteValues().Concat(_subsetRoute)) { ["kpi"] = Kpi.Key, ["handler"] = "Csv" };

    /// <summary>
    /// A chart bar's part of the records, from the query string; null when it is malformed or does not fit the KPI's
    /// records.
    /// </summary>
    private RecordSubset? SubsetFromQuery()
    {
        string? Value(string name) =>
            Request.Query[name] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var (scores, wait, dimension) = (Value("scores"), Value("wait"), Value("dimension"));
        _subsetRoute = new Dictionary<string, string?>
        {
            ["scores"] = scores,
            ["wait"] = wait,
            ["dimension"] = dimension,
        }
            .Where(v => v.Value is not null).ToDictionary();
        var subset = RecordSubset.All;
        if (scores is not null)
        {
            var parts = scores.Split('-');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
                || min > max)
                return null;
            subset = subset with { MinScore = min, MaxScore = max };
        }
        if (wait is not null)
        {
            if (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index > ResponseTimeDistribution.Bounds.Count)
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

    /// <summary>
    /// The tickets' CSAT and NPS columns are survey figures too: hidden when the list carries 1–4 responses.
    /// </summary>
    private async Task<bool> SurveyColumnsHiddenAsync(Drillthrough drill, CancellationToken cancellationToken)
    {
        SurveyColumnsHidden = SurveyPrivacy.Hides(
            await drill.SurveyResponsesOfAsync(Kpi, View.Period, View.Filters, cancellationToken));
        return SurveyColumnsHidden;
    }

    private static async Task WriteAsync<T>(
        StreamWriter writer,
        IReadOnlyList<RecordColumn<T>> columns,
        IAsyncEnumerable<T> rows,
        CancellationToken cancellationToken)
    {
        await writer.WriteAsync(string.Join(',', columns.Select(c => c.CsvName)) + "\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await writer.WriteAsync(string.Join(',', columns.Select(c => Csv.Escape(c.Csv(row)))) + "\n");
    }

    private async Task<IActionResult?> ResolveAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        if (query.Kpi is not { } key
            || KpiRegistry.All.FirstOrDefault(k => k.Key == key) is not { } kpi
            || !Drillthrough.Supports(kpi))
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
