using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Analyses;
using CsKpi.Web.Dashboard;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Infrastructure;

internal static class DashboardSetup
{
    /// <summary>
    /// The dashboard pages' services: the organisation's time zone (checked at start-up), the clock, the viewer's
    /// scope, and the background refresh of the daily rollups.
    /// </summary>
    public static void AddCsKpiDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrganizationOptions>().BindConfiguration("Organization")
            .ValidateDataAnnotations()
            .Validate(o => o.IsKnownTimeZone(),
                "Organization:TimeZone must be an IANA time zone id such as Europe/Berlin.")
            .Validate(o => Pages.Records.TicketLinks.IsValid(o.TicketUrl),
                "Organization:TicketUrl must be an http or https address with {id} in it, such as "
                + "https://help.example.com/tickets/{id}.")
            .ValidateOnStart();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration("Dashboard")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReportBounds>().BindConfiguration("Reports")
            .Validate(b => b.AllowsDefaultViews(),
                "Reports: the bounds must allow a year, a month by day and a quarter by week.")
            .ValidateOnStart();
        // One switch for how the engine reads (rollups when current, else raw rows); false reads only raw rows.
        builder.Services.AddOptions<KpiEngineOptions>().BindConfiguration("KpiEngine").ValidateOnStart();
        builder.Services.AddScoped(s => new KpiReports(s.GetRequiredService<KpiDbContext>(), EngineOptions(s)));
        builder.Services.AddScoped(s => new KeyDrivers(s.GetRequiredService<KpiDbContext>(), EngineOptions(s)));
        builder.Services.AddScoped(s => new Benchmarks(s.GetRequiredService<KpiDbContext>(), EngineOptions(s)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHybridCache().AddSerializer<OverviewNumbers, InProcessOnly<OverviewNumbers>>();
        builder.Services.AddSingleton<DashboardCache>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ViewerScope>();
        builder.Services.AddScoped<DashboardContext>();
        builder.Services.AddSingleton<RollupRefresher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RollupRefresher>());
    }

    private static KpiEngineOptions EngineOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptions<KpiEngineOptions>>().Value;
}
