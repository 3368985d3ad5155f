using System.Globalization;
using CsKpi.Core.Kpis;
using Npgsql;

namespace CsKpi.Core.Tests.Kpis.Oracle;

/// <summary>
/// A second definition of every KPI of kpis.md, in hand-written SQL (this period and the previous one): one aggregate
/// query per source with FILTER clauses and percentile_cont, grouped by which period a record is in, on the same
/// schema (trigger-maintained interaction_count and repeat_contact). The engine must give the same numbers.
/// </summary>
internal static class HandWrittenKpis
{
    public sealed record Result(Dictionary<string, double?> Values, Dictionary<string, double?> Previous);

    public static async Task<Result> RunAsync(string connectionString, ReportPeriod period,
        CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var (from, to, previousFrom) = (period.FromUtc, period.ToUtc(), period.Previous.FromUtc);
        var current = new Dictionary<string, double?>();
        var previous = new Dictionary<string, double?>();

        // Rows of (is current period, measures…); returns the measures of each period.
        async Task<(double?[] Current, double?[] Previous)> RowsAsync(string sql, params object[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var p in parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            double?[] now = new double?[reader.FieldCount - 1], before = new double?[reader.FieldCount - 1];
            while (await reader.ReadAsync(cancellationToken))
            {
                var target = reader.GetBoolean(0) ? now : before;
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    target[i - 1] = reader.IsDBNull(i) ? null
                        : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
            return (now, before);
        }

        void Both((double?[] Current, double?[] Previous) rows, Action<double?[], Dictionary<string, double?>> assign)
        {
            assign(rows.Current, current);
            assign(rows.Previous, previous);
        }

        var (promoter, detractor) = (KpiMath.PromoterFrom, KpiMath.DetractorTo);
        Both(await RowsAsync($"""
            SELECT submitted_at >= $1,
                   count(*) FILTER (WHERE kind = 'csat' AND score >= 4), count(*) FILTER (WHERE kind = 'csat'),
                   sum(score) FILTER (WHERE kind = 'csat'),
                   count(*) FILTER (WHERE kind = 'nps' AND score >= {promoter})
                   - count(*) FILTER (WHERE kind = 'nps' AND score <= {detractor}),
                   count(*) FILTER (WHERE kind = 'nps'),
                   sum(score) FILTER (WHERE kind = 'ces'), count(*) FILTER (WHERE kind = 'ces'),
                   count(*) FILTER (WHERE kind = 'enps' AND score >= {promoter})
                   - count(*) FILTER (WHERE kind = 'enps' AND score <= {detractor}),
                   count(*) FILTER (WHERE kind = 'enps')
            FROM survey_responses WHERE submitted_at >= $2 AND submitted_at < $3 GROUP BY 1
            """, from, previousFrom, to), (s, v) =>
        {
            v[KpiRegistry.Csat] = KpiMath.Percent(s[0], s[1]);
            v[KpiRegistry.CsatAvg] = KpiMath.Mean(s[2], s[1]);
            v[KpiRegistry.Nps] = KpiMath.Percent(s[3], s[4]);
            v[KpiRegistry.Ces] = KpiMath.Mean(s[5], s[6]);
            v[KpiRegistry.Enps] = KpiMath.Percent(s[7], s[8]);
        });

        Both(await RowsAsync("""
            SELECT created_at >= $1, count(*), count(*) FILTER (WHERE lower(category) = 'complaint'),
                   count(*) FILTER (WHERE lower(category) = 'return'),
                   (percentile_cont(ARRAY[0.5, 0.9])
                        WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)))[1],
                   avg(extract(epoch FROM first_response_at - created_at)),
                   (percentile_cont(ARRAY[0.5, 0.9])
                        WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)))[2],
                   count(*) FILTER (WHERE repeat_contact), count(customer_id)
            FROM tickets t WHERE created_at >= $2 AND created_at < $3 GROUP BY 1
            """, from, previousFrom, to), (c, v) =>
        {
            v[KpiRegistry.TicketVolume] = c[0] is > 0 ? c[0] : null;
            v[KpiRegistry.Complaints] = c[0] is > 0 ? c[1] : null;
            v[KpiRegistry.Returns] = c[0] is > 0 ? c[2] : null;
            v[KpiRegistry.FirstResponseMedian] = c[3];
            v[KpiRegistry.FirstResponseMean] = c[4];
            v[KpiRegistry.FirstResponseP90] = c[5];
            v[KpiRegistry.RepeatContactRate] = KpiMath.Percent(c[6], c[7]);
        });

        Both(await RowsAsync("""
            SELECT resolved_at >= $1, count(*) FILTER (WHERE interaction_count = 1 AND NOT reopened),
                   count(*) FILTER (WHERE interaction_count >= 1), count(*) FILTER (WHERE reopened), count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
            FROM tickets WHERE resolved_at >= $2 AND resolved_at < $3 GROUP BY 1
            """, from, previousFrom, to), (r, v) =>
        {
            v[KpiRegistry.Fcr] = KpiMath.Percent(r[0], r[1]);
            v[KpiRegistry.ReopenRate] = KpiMath.Percent(r[2], r[3]);
            v[KpiRegistry.ResolutionMedian] = r[4];
            v[KpiRegistry.TicketsSolved] = r[3];
        });

        // Backlog (service-levels.md): tickets open at the period's end `to` — and, for the previous period, at its
        // start. An empty backlog is 0; its median age is then no data.
        foreach (var (at, v) in new[] { (to, current), (from, previous) })
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $1 - created_at))
                FROM tickets WHERE created_at < $1 AND (resolved_at IS NULL OR resolved_at >= $1)
                """, connection) { Parameters = { new() { Value = at } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            v[KpiRegistry.Backlog] = reader.GetInt64(0);
            v[KpiRegistry.BacklogAgeMedian] = reader.IsDBNull(1) ? null : reader.GetDouble(1);
        }

        Both(await RowsAsync("""
            SELECT started_at >= $1, avg(talk_seconds + hold_seconds + wrap_seconds), sum(talk_seconds),
                   avg(talk_seconds)
            FROM interactions WHERE started_at >= $2 AND started_at < $3 GROUP BY 1
            """, from, previousFrom, to), (i, v) =>
        {
            v[KpiRegistry.Aht] = i[0];
            v[KpiRegistry.TimeWithCustomer] = i[1];
            v[KpiRegistry.TimeWithCustomerAvg] = i[2];
        });

        foreach (var (p, v) in new[] { (period, current), (period.Previous, previous) })
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE customer_since < $1 AND cancelled_on >= $1 AND cancelled_on < $2),
                       count(*) FILTER (WHERE customer_since < $1 AND (cancelled_on IS NULL OR cancelled_on >= $1)),
                       count(*) FILTER (WHERE customer_since < $2 AND (cancelled_on IS NULL OR cancelled_on >= $2))
                       - count(*) FILTER (WHERE customer_since >= $1 AND customer_since < $2)
                FROM customers
                """, connection) { Parameters = { new() { Value = p.FromDate }, new() { Value = p.ToDate } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            v[KpiRegistry.Churn] = KpiMath.Percent(reader.GetInt64(0), reader.GetInt64(1));
            v[KpiRegistry.Retention] = KpiMath.Percent(reader.GetInt64(2), reader.GetInt64(1));
        }
        return new Result(current, previous);
    }
}
