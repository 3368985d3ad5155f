using CsKpi.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Pages;

public class IndexModel(KpiDbContext db) : PageModel
{
    public DataCounts? Counts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Counts = new DataCounts(
            await db.Tickets.LongCountAsync(cancellationToken),
            await db.Interactions.LongCountAsync(cancellationToken),
            await db.SurveyResponses.LongCountAsync(cancellationToken),
            await db.Agents.LongCountAsync(cancellationToken));

    public sealed record DataCounts(long Tickets, long Interactions, long Surveys, long Agents);
}
