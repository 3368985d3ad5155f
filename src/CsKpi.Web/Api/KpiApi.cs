using System.ComponentModel;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Api;

/// <summary>
/// The JSON API: <c>GET /api/kpis</c> in the shape of <c>cskpi kpi --format json</c> and <c>GET /api/drivers</c> in
/// that of <c>cskpi drivers --format json</c>. Sign-in cookie or personal API token; the same viewer rules as the
/// pages (an agent gets their own numbers and their team's aggregate, nothing else) and the same survey privacy.
/// </summary>
public static class KpiApi
{
    public static void MapCsKpiApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Api).WithTags("KPIs");
        api.MapGet("/kpis", GetKpisAsync)
            .WithName("GetKpis")
            .WithSummary("Every KPI of a period, with the previous period and an optional grouping")
            .WithDescription("The period is [from, to) in the organisation's time zone. " +
                "Survey numbers from fewer than 5 responses are null, with a note.")
            .Produces<KpisDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status401Unauthorized);
        api.MapGet("/drivers", GetDriversAsync)
            .WithName("GetDrivers")
            .WithSummary("Key-driver analysis of the csat survey dimensions: importance and performance")
            .Produces<DriversDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> GetKpisAsync(
        [Description("First day of the period, inclusive (yyyy-MM-dd)")] string from,
        [Description("Day after the period, exclusive (yyyy-MM-dd)")] string to,
        [Description("Team name")] string? team,
        [Description("Agent id (agent_id)")] string? agent,
        [Description("Channel code of the list: phone, email, chat, social, in_person or an added one")]
        string? channel,
        [Description("Ticket category")] string? category,
        [Description("day, week, month, team, agent, channel or category")] string? groupBy,
        KpiDbContext db, KpiReports reports, ViewerScope viewer, IOptions<OrganizationOptions> organization,
        IOptions<ReportBounds> bounds, CancellationToken cancellationToken)
    {
        if (!await viewer.MayAskAboutAsync(team, agent, cancellationToken))
            return Refused(); // before the arguments are checked: "unknown agent" would tell an agent who exists
        try
        {
            var (period, filters) = await ReportArguments.ParseAsync(db, from, to, team, agent, channel, category,
                organization.Value.TimeZoneInfo, cancellationToken);
            var grouping = ReportArguments.ParseGrouping(groupBy);
            ReportArguments.CheckBounds(period, grouping, bounds.Value);
            if (await viewer.RestrictAsync(filters, cancellationToken) is not { } allowed
                || !viewer.MayGroupBy(grouping))
                return Refused();
            var report = await reports
                .RunAsync(new KpiRequest(period, allowed, grouping), cancellationToken);
            return Results.Text(KpiReportWriter.ToJson(SurveyPrivacy.Apply(report)), "application/json");
        }
        catch (ReportArgumentException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: e.Message);
        }
    }

    private static async Task<IResult> GetDriversAsync(
        [Description("First day of the period, inclusive (yyyy-MM-dd)")] string from,
        [Description("Day after the period, exclusive (yyyy-MM-dd)")] string to,
        string? team, string? agent, string? channel, string? category,
        KpiDbContext db, KeyDrivers keyDrivers, ViewerScope viewer, IOptions<OrganizationOptions> organization,
        IOptions<ReportBounds> bounds, CancellationToken cancellationToken)
    {
        if (!await viewer.MayAskAboutAsync(team, agent, cancellationToken))
            return Refused(); // before the arguments are checked: "unknown agent" would tell an agent who exists
        try
        {
            var (period, filters) = await ReportArguments.ParseAsync(db, from, to, team, agent, channel, category,
                organization.Value.TimeZoneInfo, cancellationToken);
            ReportArguments.CheckBounds(period, grouping: null, bounds.Value);
            if (await viewer.RestrictAsync(filters, cancellationToken) is not { } allowed)
                return Refused();
            var drivers = await keyDrivers.AnalyseAsync(period, allowed, cancellationToken);
            return Results.Text(KpiReportWriter.ToJson(drivers), "application/json");
        }
        catch (ReportArgumentException e)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: e.Message);
        }
    }

    private static IResult Refused() => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
        detail: "Agents may ask for their own numbers (agent=their id) or their team's aggregate (team=their team), " +
            "without grouping by team or agent.");

    // Shapes for the OpenAPI description; the bodies are written by KpiReportWriter, as for the command line.
    internal sealed record KpiValueDocument(double? Value, double? Previous, long Count);
    internal sealed record GroupDocument(string? Key, string? Label, Dictionary<string, KpiValueDocument> Kpis);
    internal sealed record FiltersDocument(string? Team, string? Agent, string? Channel, string? Category);
    internal sealed record KpisDocument(
        string From,
        string To,
        string Timezone,
        FiltersDocument Filters,
        Dictionary<string, KpiValueDocument> Kpis,
        string? GroupBy,
        List<GroupDocument>? Groups,
        List<string>? Notes);
    internal sealed record DriverDocument(string Dimension, long N, double? Importance, double? Performance);
    internal sealed record DriversDocument(List<DriverDocument> Dimensions);
}
