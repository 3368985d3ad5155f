using System.Data.Common;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// The report aggregates in PostgreSQL: a handful of GROUP BY queries, never rows loaded to be counted.
/// </summary>
public class KpiQueryShapeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_report_of_every_kpi_costs_one_grouped_query_per_source_and_period()
    {
        var commands = await CaptureAsync(groupBy: null);

        commands.Should().HaveCount(10,
            "surveys, created tickets, resolved tickets, interactions, each this period and the previous one; "
            + "customers; open tickets at both periods' ends in one");
        commands.Should().OnlyContain(sql => sql.Contains("GROUP BY", StringComparison.Ordinal));
        commands.Should().Contain(sql => sql.Contains("cskpi_percentile_cont(array_agg(", StringComparison.Ordinal));
        commands.Should().NotContain(sql => sql.Contains("SELECT t.id, t.agent_id", StringComparison.Ordinal),
            "no ticket rows are fetched");
    }

    [Fact]
    public async Task A_daily_trend_adds_one_query_per_source_not_one_per_bucket()
    {
        var commands = await CaptureAsync(Grouping.Day);

        commands.Should().HaveCount(15,
            "the totals' 10, and one per record source by day; customers are counted once for totals and buckets; "
            + "the backlog at every bucket's end in one");
        commands.Should().Contain(sql => sql.Contains("date_trunc(",
            StringComparison.Ordinal) && sql.Contains("AT TIME ZONE", StringComparison.Ordinal));
    }

    private async Task<List<string>> CaptureAsync(Grouping? groupBy)
    {
        var recorder = new CommandRecorder();
        var options =
            new DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(database.ConnectionString)
                .AddInterceptors(recorder).Options;
        await using var db = new KpiDbContext(options);
        var period = ReportPeriod.Dates(new(2026, 3, 1), new(2026, 4, 1),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));
        // The raw rows' queries (the daily rollups, read with Npgsql, are tested in DailyRollupTests).
        await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(new KpiRequest(period,
            new KpiFilters(Channel: Channel.Email), groupBy));
        return recorder.Commands;
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
