using System.Globalization;
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

namespace CsKpi.Web.Pages.Admin.Targets;

/// <summary>
/// Admin → Targets: a target per KPI for the company, a team or a channel, and the per-channel target time with the
/// customer. The on / near / off status shows wherever the KPI does.
/// </summary>
[Authorize(Policy = Policies.Admins)]
public class IndexModel(KpiDbContext db, ILogger<IndexModel> logger, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string Kpi { get; set; } = KpiRegistry.Csat;
    /// <summary>"company", "team:NAME" or "channel:CODE".</summary>
    [BindProperty] public string Scope { get; set; } = "company";
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public int Id { get; set; }

    public IReadOnlyList<TargetSummary> Targets { get; private set; } = [];
    public IReadOnlyList<string> Teams { get; private set; } = [];
    /// <summary>The organisation's channels, each with its target time with the customer.</summary>
    public ChannelNames Channels { get; private set; } = null!;
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    /// <summary>
    /// The per-channel target time with the customer (seconds per interaction), null where none is set.
    /// </summary>
    public double? TimeTarget(Channel channel) =>
        Targets.FirstOrDefault(t => t.Kpi.Key == KpiRegistry.TimeWithCustomerAvg && t.Channel == channel)?.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSetAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!double.TryParse(Value?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var value))
                throw new TargetException("The target must be a number.");
            var (team, channel) = ParseScope(Scope);
            await new TargetSettings(db).SetAsync(Kpi, team, channel, value, cancellationToken);
            Done = t["Target saved."].Value;
            logger.LogInformation("{Admin} set the {Kpi} target for {Scope} to {Value}",
                User.Identity?.Name, Kpi, Scope, value);
        }
        catch (TargetException e)
        {
            Problem = t.Translate(e);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        if (await new TargetSettings(db).RemoveAsync(Id, cancellationToken) > 0)
        {
            Done = t["Target removed."].Value;
            logger.LogInformation("{Admin} removed target {Id}", User.Identity?.Name, Id);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>A value for an input in the KPI's unit, invariant so the browser's number field takes it.</summary>
    public static string InputValue(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string UnitHint(Kpi kpi) => kpi.Unit switch
    {
        KpiUnit.Percent => "%",
        KpiUnit.Seconds => "seconds",
        KpiUnit.Count => "count",
        _ => kpi.Formula == KpiFormula.Percent ? "−100 to 100" : "score",
    };

    private static (string? Team, Channel? Channel) ParseScope(string scope) => scope switch
    {
        "company" => (null, null),
        _ when scope.StartsWith("team:", StringComparison.Ordinal) => (scope["team:".Length..], null),
        _ when scope.StartsWith("channel:", StringComparison.Ordinal)
            && Core.Model.Channels.TryParse(scope["channel:".Length..], out var channel) => (null, channel),
        _ => throw new TargetException($"Unknown scope '{scope}'."),
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Targets = await new TargetSettings(db).ListAsync(cancellationToken);
        Teams = await db.Teams.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        Channels = await ChannelNames.LoadAsync(db, cancellationToken);
    }
}
