namespace CsKpi.Web.Dashboard;

/// <summary>
/// The filter bar's model (Pages/Shared/_FilterBar.cshtml): a GET form, so every choice lands in the URL.
/// </summary>
public sealed record FilterBar(DashboardQuery Query, ResolvedQuery View, FilterChoices Choices)
{
    /// <summary>Show the trend's KPI and bucket pickers (pages with a trend chart).</summary>
    public bool ShowTrend { get; init; }
    /// <summary>Values the form carries along unchanged (e.g. the breakdown's dimension).</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();
    /// <summary>Show the agent filter (not on "My stats", whose agent is the viewer).</summary>
    public bool ShowAgent { get; init; } = true;
    /// <summary>Show the team filter (not on "My stats", whose team is the agent's).</summary>
    public bool ShowTeam { get; init; } = true;
}
