using CsKpi.Core.Data;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Comments;

/// <summary>
/// Survey comments of the period with score, kind, agent and ticket: filtered by score range and a text, paged.
/// Managers only (an agent's comments name customers' words about colleagues); eNPS under the privacy rule of
/// <see cref="SurveyComments"/>.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard) : PageModel
{
    public FilterBar Filters { get; private set; } = null!;
    public CommentPage Comments { get; private set; } = null!;
    public CommentQuery Search { get; private set; } = new();
    public DashboardQuery Query { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query,
        [FromQuery(Name = "min")] int? min, [FromQuery(Name = "max")] int? max, [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Query = query;
        // A search text longer than any comment is worth would only cost the database: cut at 200 characters.
        Search = new CommentQuery(min, max, q is { Length: > 200 } ? q[..200] : q, page ?? 1);
        var hidden = new Dictionary<string, string>();
        foreach (var (name, value) in new[] { ("min", min?.ToString(Culture)), ("max", max?.ToString(Culture)),
            ("q", Search.Search) })
        {
            if (!string.IsNullOrEmpty(value))
                hidden[name] = value;
        }
        Filters = new FilterBar(query, view, await dashboard.ChoicesAsync(cancellationToken)) { Hidden = hidden };
        Comments = await new SurveyComments(db).PageAsync(view.Period, view.Filters, Search, cancellationToken);
        return Page();
    }

    /// <summary>The route of another page of the same list.</summary>
    public Dictionary<string, string?> RouteFor(int page)
    {
        var values = Query.RouteValues();
        values["min"] = Search.MinScore?.ToString(Culture);
        values["max"] = Search.MaxScore?.ToString(Culture);
        values["q"] = Search.Search;
        values["page"] = page.ToString(Culture);
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary();
    }

    private static System.Globalization.CultureInfo Culture => System.Globalization.CultureInfo.InvariantCulture;
}
