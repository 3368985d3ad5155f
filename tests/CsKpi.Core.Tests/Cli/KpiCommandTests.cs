using System.Globalization;
using System.Text.Json;
using CsKpi.Cli;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Cli;

/// <summary>
/// One ticket, its interaction and ten rated csat responses in January 2026, shared read-only by the tests.
/// </summary>
public sealed class KpiCommandData : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var data = new KpiData(Database.CreateContext());
        var agent = data.Agent("A1", team: "Blue");
        var ticket = data.Ticket("2026-01-10T10:00:00Z", Channel.Chat, agent, category: "complaint",
            firstResponseSeconds: 120, resolvedAfterSeconds: 3600, interactions: 1);
        for (var i = 0; i < 10; i++)
        {
            data.Survey(SurveyKind.Csat, 3 + (i % 3), "2026-01-11T10:00:00Z", ticket,
                dimensions: ("delivery", 2 + (i % 3)));
        }
        await data.SaveAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

public class KpiCommandTests(KpiCommandData data) : IClassFixture<KpiCommandData>
{
    private readonly TestDatabase _database = data.Database;

    [Fact]
    public async Task Kpi_json_has_every_kpi_key_with_value_previous_and_count()
    {
        var (exit, output, error) =
            await RunAsync("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "json");

        exit.Should().Be(CliApp.Success, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("from").GetString().Should().Be("2026-01-01");
        root.GetProperty("to").GetString().Should().Be("2026-02-01");
        root.GetProperty("timezone").GetString().Should().Be("UTC");
        root.GetProperty("filters").GetProperty("team").ValueKind.Should().Be(JsonValueKind.Null);
        var kpis = root.GetProperty("kpis");
        kpis.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(KpiRegistry.All.Select(k => k.Key));
        // Scores 3,4,5,3,4,5,3,4,5,3: six of ten.
        kpis.GetProperty("csat").GetProperty("value").GetDouble().Should().BeApproximately(60, 1e-9);
        kpis.GetProperty("csat").GetProperty("count").GetInt64().Should().Be(10);
        kpis.GetProperty("csat").GetProperty("previous").ValueKind.Should().Be(JsonValueKind.Null);
        kpis.GetProperty("nps").GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        root.TryGetProperty("groups", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Kpi_json_groups_by_week_with_the_first_local_date_as_key()
    {
        var (exit, output, _) = await RunAsync("kpi", "--from", "2026-01-05", "--to", "2026-01-19",
            "--group-by", "week", "--format", "json", "--team", "Blue");

        exit.Should().Be(CliApp.Success);
        using var json = JsonDocument.Parse(output);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("key").GetString()).Should().Equal("2026-01-05", "2026-01-12");
        groups[0].GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").GetDouble().Should().Be(1);
        groups[1].GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").ValueKind
            .Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("filters").GetProperty("team").GetString().Should().Be("Blue");
        json.RootElement.GetProperty("notes").EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Kpi_csv_and_table_formats()
    {
        var (_, csv, _) = await RunAsync("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "csv");
        csv.Split('\n')[0].Should().Be("kpi,value,previous,count");
        csv.Should().Contain("\ncomplaints,1,,1\n");

        var (_, table, _) = await RunAsync("kpi", "--from", "2026-01-01", "--to", "2026-02-01");
        table.Should().Contain("Customer satisfaction").And.Contain("60.0 %").And.Contain("—");
    }

    [Fact]
    public async Task Drivers_json_lists_dimensions_with_ten_or_more_ratings()
    {
        var (exit, output, _) =
            await RunAsync("drivers", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "json");

        exit.Should().Be(CliApp.Success);
        using var json = JsonDocument.Parse(output);
        var delivery = json.RootElement.GetProperty("dimensions").EnumerateArray().Should().ContainSingle().Subject;
        delivery.GetProperty("dimension").GetString().Should().Be("delivery");
        delivery.GetProperty("n").GetInt64().Should().Be(10);
        delivery.GetProperty("importance").GetDouble().Should().BeApproximately(1.0, 1e-9); // rating = score − 1
        delivery.GetProperty("performance").GetDouble().Should().BeApproximately(2.9, 1e-9);
    }

    [Theory]
    [InlineData("kpi", "--from", "2026-02-01", "--to", "2026-01-01")]
    [InlineData("kpi", "--from", "yesterday", "--to", "2026-01-01")]
    [InlineData("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--channel", "fax")]
    [InlineData("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--team", "Nobody")]
    [InlineData("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--group-by", "year")]
    [InlineData("kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "xml")]
    [InlineData("kpi", "--to", "2026-02-01")]
    [InlineData("drivers", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "csv")]
    public async Task Wrong_usage_exits_2_with_a_reason(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        exit.Should().Be(CliApp.Usage);
        error.Should().NotBeNullOrWhiteSpace();
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task A_report_in_another_zone_than_the_rollups_reads_the_raw_rows_and_leaves_the_rollups_as_built()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            for (var hour = 0; hour < 48; hour += 5)
            {
                var created = new DateTime(2026, 1, 30, 0, 30, 0, DateTimeKind.Utc).AddHours(hour);
                data.Ticket(created.ToString("O", CultureInfo.InvariantCulture), firstResponseSeconds: 60 + hour);
            }
            // January 31st in Warsaw, February 1st in UTC.
            data.Ticket("2026-02-01T00:30:00Z", firstResponseSeconds: 600);
            await data.SaveAsync();
        }
        await using var db = database.CreateContext();
        (await DailyRollups.RefreshAsync(db, "Europe/Warsaw")).Should().BeTrue("the dashboard's background refresh");
        (await DailyRollups.BuiltForAsync(db, "Europe/Warsaw")).Should().BeTrue("built for the dashboard's zone");

        var (exit, output, error) = await DbMigrateCommandTests.RunAsync(
            ["kpi", "--from", "2026-01-01", "--to", "2026-02-01", "--timezone", "UTC", "--format", "json",
                "--connection", database.ConnectionString]);

        exit.Should().Be(CliApp.Success, error);
        var january = ReportPeriod.Dates(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), TimeZoneInfo.Utc);
        var raw = await new KpiReports(db, KpiEngineOptions.RawRows)
            .RunAsync(new KpiRequest(january, KpiFilters.None));
        output.Should().Be(KpiReportWriter.ToJson(raw) + "\n");
        (await DailyRollups.BuiltForAsync(db, "Europe/Warsaw"))
            .Should().BeTrue("a one-off report in UTC did not rebuild them for UTC");
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) =>
        DbMigrateCommandTests.RunAsync([.. args, "--connection", _database.ConnectionString]);
}
