using System.Diagnostics;
using System.Globalization;
using CsKpi.Cli;
using CsKpi.Core.Kpis;
using CsKpi.Core.Tests.Cli;
using CsKpi.Tests.Infrastructure;
using Npgsql;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Kpis;

public class ReportBoundsTests
{
    private static DateTime Day(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-01", "2026-01-02", TimeBucket.Day, 1)]
    [InlineData("2026-01-01T12:00", "2026-01-03T01:00", TimeBucket.Day, 3)] // part days count
    [InlineData("2024-01-01", "2025-02-04", TimeBucket.Day, 400)]
    [InlineData("2026-01-07", "2026-01-13", TimeBucket.Week, 2)] // Wednesday to Tuesday: two ISO weeks
    [InlineData("2024-01-01", "2028-12-25", TimeBucket.Week, 260)]
    [InlineData("2026-01-15", "2026-03-01", TimeBucket.Month, 2)]
    [InlineData("2026-01-01", "2026-03-02", TimeBucket.Month, 3)]
    public void Bucket_count_is_the_number_of_buckets_a_report_has(string from, string to, TimeBucket bucket, int count)
    {
        ReportBounds.BucketCount(Day(from), Day(to), bucket).Should().Be(count);
        new ReportPeriod(Day(from), Day(to), TimeZoneInfo.Utc).BucketStarts(bucket).Should().HaveCount(count);
    }

    [Fact]
    public void The_bounds_are_accepted_and_one_step_beyond_is_refused()
    {
        var bounds = new ReportBounds();

        bounds.Check(Day("1900-01-01"), Day("1900-01-02")).Should().BeNull();
        bounds.Check(Day("2199-12-31"), Day("2200-01-01")).Should().BeNull();
        bounds.Check(Day("1899-12-31"), Day("1900-01-02"))!.Format.Should().Be("Dates must lie between {0} and {1}.");
        bounds.Check(Day("2199-12-31"), Day("2200-01-01T00:01"))!.Format
            .Should().Be("Dates must lie between {0} and {1}.");
        bounds.Check(Day("2026-01-02"), Day("2026-01-01"))!.Format.Should().Be("The period must end after it starts.");
        bounds.Check(Day("2000-01-01"), Day("2010-01-08")).Should().BeNull(); // 3660 days
        bounds.Check(Day("2000-01-01"), Day("2010-01-09"))!.ToString()
            .Should().Be("A period may be at most 3660 days long; this one has 3661.");
        bounds.Check(Day("2024-01-01"), Day("2025-02-04"), TimeBucket.Day).Should().BeNull();
        bounds.Check(Day("2024-01-01"), Day("2025-02-05"), TimeBucket.Day)!.ToString()
            .Should().StartWith("At most 400 day buckets");
        bounds.Check(Day("2024-01-01"), Day("2028-12-25"), TimeBucket.Week).Should().BeNull();
        bounds.Check(Day("2024-01-01"), Day("2028-12-26"), TimeBucket.Week)!.ToString()
            .Should().StartWith("At most 260 week buckets");
        // Months: the period's length decides.
        bounds.Check(Day("2000-01-01"), Day("2010-01-08"), TimeBucket.Month).Should().BeNull();
        bounds.Check(Day("2000-01-01"), Day("2010-01-08"), null).Should().BeNull();
    }

    [Fact]
    public void Settings_that_would_refuse_the_dashboards_own_views_are_invalid()
    {
        new ReportBounds().AllowsDefaultViews().Should().BeTrue();
        new ReportBounds { MaxDayBuckets = 31 }.AllowsDefaultViews().Should().BeFalse();
        new ReportBounds { MaxWeekBuckets = 14 }.AllowsDefaultViews().Should().BeFalse();
        new ReportBounds { MaxPeriodDays = 365 }.AllowsDefaultViews().Should().BeFalse();
    }
}

public class ReportBoundsCommandTests(KpiCommandData data) : IClassFixture<KpiCommandData>
{
    [Theory]
    [InlineData("0001-01-01", "9999-12-31", null, "Dates must lie between 1900-01-01 and 2200-01-01.")]
    [InlineData("1990-01-01", "2026-01-01", null, "A period may be at most 3660 days long; this one has 13149.")]
    [InlineData("2024-01-01", "2025-02-05", "day", "At most 400 day buckets fit in a report; this period has 401")]
    [InlineData("2024-01-01", "2028-12-26", "week", "At most 260 week buckets fit in a report; this period has 261")]
    public async Task A_report_beyond_the_bounds_is_wrong_usage_with_one_line(
        string from, string to, string? groupBy, string message)
    {
        var (exit, output, error) = await RunAsync(from, to, groupBy);

        exit.Should().Be(CliApp.Usage);
        output.Should().BeEmpty();
        error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
    }

    [Theory]
    [InlineData("2024-01-01", "2025-02-04", "day")]
    [InlineData("2024-01-01", "2028-12-25", "week")]
    public async Task A_report_at_the_bounds_runs(string from, string to, string groupBy)
    {
        var (exit, _, error) = await RunAsync(from, to, groupBy);

        exit.Should().Be(CliApp.Success, error);
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(string from, string to, string? groupBy) =>
        DbMigrateCommandTests.RunAsync([
            "kpi", "--from", from, "--to", to, .. groupBy is null ? Array.Empty<string>() : ["--group-by", groupBy],
            "--format", "json", "--connection", data.Database.ConnectionString]);
}

/// <summary>A <c>cskpi import</c> process killed with -9 while its statement waits on a lock the test holds.</summary>
public class KilledImportTests
{
    [Fact]
    public async Task A_killed_import_leaves_no_statement_running_in_postgres()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, Agents);
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var lockAgents = new NpgsqlCommand("BEGIN; LOCK TABLE agents IN ACCESS EXCLUSIVE MODE", holder))
            await lockAgents.ExecuteNonQueryAsync();

        using var import = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "cskpi.dll"), "import", "agents", file,
                "--connection", database.ConnectionString,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            const string waitingOnLock =
                "SELECT min(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
            var waiting = await WaitForAsync(database, waitingOnLock, pid => pid is not null);
            import.Kill(); // SIGKILL: no cancel request, no goodbye to PostgreSQL
            await import.WaitForExitAsync();

            // Without the import's session limits the backend would wait here until the test let go of its lock.
            await WaitForAsync(database, $"SELECT pid FROM pg_stat_activity WHERE pid = {waiting}", pid => pid is null);
        }
        finally
        {
            if (!import.HasExited)
                import.Kill();
            File.Delete(file);
        }
    }

    private static async Task<int?> WaitForAsync(TestDatabase database, string sql, Func<int?, bool> done)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        int? pid = null;
        await Eventually.UntilAsync(async () =>
        {
            pid = await command.ExecuteScalarAsync() is int found ? found : null;
            return done(pid);
        }, $"{sql} to give what the test waits for");
        return pid;
    }
}
