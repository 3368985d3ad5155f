using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// The first and last record of each record source — by the timestamp that places its records in a period — as
/// local dates of the organisation's zone, whatever the filters: what "the data" spans when a period reaches past it.
/// Each bound is a min() or max() PostgreSQL answers from the timestamp's index.
/// </summary>
public static class RecordExtents
{
    public static async Task<IReadOnlyDictionary<KpiSource, RecordExtent>> LoadAsync(KpiDbContext db,
        TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var extents = new Dictionary<KpiSource, RecordExtent>();
        async Task AddAsync<T>(KpiSource source, IQueryable<T> rows, Expression<Func<T, DateTime?>> at)
        {
            if (await rows.MinAsync(at, cancellationToken) is { } first
                && await rows.MaxAsync(at, cancellationToken) is { } last)
                extents[source] = new RecordExtent(Local(first, timeZone), Local(last, timeZone));
        }
        await AddAsync(KpiSource.Surveys, db.SurveyResponses, s => s.SubmittedAt);
        await AddAsync(KpiSource.CreatedTickets, db.Tickets, t => t.CreatedAt);
        await AddAsync(KpiSource.ResolvedTickets, db.Tickets, t => t.ResolvedAt);
        await AddAsync(KpiSource.Interactions, db.Interactions, i => i.StartedAt);

        // Customers: their dates, from the small table of date pairs.
        var dates = db.Set<CustomerDates>();
        if (await dates.MinAsync(c => c.CustomerSince, cancellationToken) is { } since
            && await dates.MaxAsync(c => c.CustomerSince, cancellationToken) is { } lastSince)
        {
            var lastCancelled = await dates.MaxAsync(c => c.CancelledOn, cancellationToken);
            extents[KpiSource.Customers] = new RecordExtent(since,
                lastCancelled is { } cancelled && cancelled > lastSince ? cancelled : lastSince);
        }
        return extents;
    }

    private static DateOnly Local(DateTime utc, TimeZoneInfo timeZone) => DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone));
}
