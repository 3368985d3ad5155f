using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>What to list: score range and a text to find in the comment (both optional), and the page.</summary>
public sealed record CommentQuery(int? MinScore = null, int? MaxScore = null, string? Search = null, int Page = 1,
    int PageSize = SurveyComments.DefaultPageSize);

/// <summary>
/// One comment. For eNPS the agent and ticket are always null: an employee survey's answer is never shown with who
/// gave it.
/// </summary>
public sealed record CommentRecord(DateTime SubmittedAt, SurveyKind Kind, short Score, string Comment,
    string? AgentId, string? AgentName, string? TicketId);

/// <summary>A page of comments; <see cref="EnpsHidden"/> when eNPS comments were left out for privacy.</summary>
public sealed record CommentPage(long Total, int Page, int PageSize, IReadOnlyList<CommentRecord> Rows,
    bool EnpsHidden)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Survey comments of the period (by <c>submitted_at</c>) with the report's filters, newest first, paged. eNPS
/// comments are listed only when the group — the period's eNPS responses with the same filters, and never one
/// agent's — has at least <see cref="SurveyPrivacy.MinimumResponses"/> responses, and then without agent or ticket.
/// </summary>
public sealed class SurveyComments(KpiDbContext db)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public async Task<CommentPage> PageAsync(ReportPeriod period, KpiFilters filters, CommentQuery query,
        CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var inPeriod = filters.Apply(
            db.SurveyResponses.Where(s => s.SubmittedAt >= fromUtc && s.SubmittedAt < toUtc), RecordPaths.Surveys);
        var enpsShown = filters.Agent is null && !SurveyPrivacy.Hides(
            await inPeriod.LongCountAsync(s => s.Kind == SurveyKind.Enps, cancellationToken));
        var enpsHidden = !enpsShown && await inPeriod.AnyAsync(
            s => s.Kind == SurveyKind.Enps && s.Comment != null && s.Comment != "", cancellationToken);

        var comments = inPeriod.Where(s => s.Comment != null && s.Comment != "");
        if (!enpsShown)
            comments = comments.Where(s => s.Kind != SurveyKind.Enps);
        if (query.MinScore is { } min)
            comments = comments.Where(s => s.Score >= min);
        if (query.MaxScore is { } max)
            comments = comments.Where(s => s.Score <= max);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + LikeEscaped(query.Search.Trim()) + "%";
            comments = comments.Where(s => EF.Functions.ILike(s.Comment!, pattern, "\\"));
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var total = await comments.LongCountAsync(cancellationToken);
        var page = Math.Clamp(query.Page, 1, (int)Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await comments.OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new CommentRecord(s.SubmittedAt, s.Kind, s.Score, s.Comment!,
                s.Kind == SurveyKind.Enps || s.Agent == null ? null : s.Agent.SourceId,
                s.Kind == SurveyKind.Enps || s.Agent == null ? null : s.Agent.Name,
                s.Kind == SurveyKind.Enps || s.Ticket == null ? null : s.Ticket.SourceId))
            .ToListAsync(cancellationToken);
        return new CommentPage(total, page, pageSize, rows, enpsHidden);
    }

    /// <summary>The text as a literal inside a LIKE pattern: <c>\</c>, <c>%</c> and <c>_</c> escaped.</summary>
    public static string LikeEscaped(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
