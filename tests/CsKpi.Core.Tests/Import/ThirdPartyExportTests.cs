using System.Globalization;
using System.Text;
using CsKpi.Cli;
using CsKpi.Core.Import;
using CsKpi.Core.Tests.Cli;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// A 50,000-row case export made to look like another help desk's: its own column names, day-first dates, channel
/// names of its own, agents by name with their role as team, a CSAT column filled on a third of the rows, free-text
/// descriptions with commas, quotes and line breaks, sparse columns — imported by <c>cskpi import --mapping</c>.
/// </summary>
public class ThirdPartyExportTests
{
    private const int Rows = 50_000;
    private static readonly string[] Origins = ["Phone", "Email", "Web", "Chat", "Walk-in", "Inbound", "Outcall"];
    private static readonly string[] Roles = ["Tier 1 - North", "Tier 1 - South", "Tier 2", "Billing Desk"];

    private static readonly ImportMapping Mapping = new()
    {
        Kinds =
        [
            new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
            {
                ["ticket_id"] = new() { Header = "Case Number" },
                ["created_at"] = new() { Header = "Date/Time Opened" },
                ["channel"] = new()
                {
                    Header = "Case Origin",
                    Values = new Dictionary<string, string> { ["Phone"] = "phone", ["Inbound"] = "phone",
                        ["Outcall"] = "phone", ["Web"] = "email", ["Walk-in"] = "in_person" },
                },
                ["customer_id"] = new() { Header = "Account Name" },
                ["agent_id"] = new() { Header = "Case Owner" },
                ["category"] = new() { Header = "Type" },
                ["first_response_at"] = new() { Header = "First Response" },
                ["resolved_at"] = new() { Header = "Date/Time Closed" },
                ["reopened"] = new() { Header = "Reopened?" },
            }),
            new MappedKind(ImportKind.Surveys, new Dictionary<string, ColumnSource>
            {
                ["survey"] = new() { Value = "csat" },
                ["score"] = new() { Header = "CSAT Score" },
                ["submitted_at"] = new() { Header = "Date/Time Closed" },
                ["ticket_id"] = new() { Header = "Case Number" },
                ["comment"] = new() { Header = "Description" },
            }),
        ],
        Dates = DateForm.DayFirst,
        AgentsByName = true,
        CreateAgents = true,
        TeamHeader = "Owner Role",
    };

    private const string Headers = "Case Number,Date/Time Opened,Case Origin,Account Name,Case Owner,Owner Role,Type," +
        "First Response,Date/Time Closed,Reopened?,CSAT Score,Description";

    private sealed record Expected(Dictionary<string, int> Channels, int Ratings, long ScoreSum, int Resolved,
        DateTime FirstCreated, string SampleComment);

    [Fact]
    public async Task A_50k_row_export_from_another_help_desk_imports_through_a_saved_mapping_and_again_is_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Case export", Mapping, Headers.Split(','), "tester");
        var path = Path.Combine(Path.GetTempPath(), $"cases-{Guid.NewGuid():N}.csv");
        try
        {
            var expected = await WriteExportAsync(path);

            var (exit, output, error) = await DbMigrateCommandTests.RunAsync(["import", "--mapping", "Case export",
                path, "--connection", database.ConnectionString, "--verbose"]);

            exit.Should().Be(CliApp.Success, error);
            output.Should().Contain($"{Rows:N0} rows").And.Contain("agents: 20 records — 20 inserted")
                .And.Contain($"tickets: {Rows:N0} records — {Rows:N0} inserted")
                .And.Contain($"surveys: {expected.Ratings:N0} records — {expected.Ratings:N0} inserted");
            (await ScalarAsync<string>(database, "SELECT string_agg(channel || '=' || n, ',' ORDER BY channel) " +
                    "FROM (SELECT channel, count(*) n FROM tickets GROUP BY channel) c"))
                .Should().Be(string.Join(',', expected.Channels.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                    $"{c.Key}={c.Value}")));
            (await ScalarAsync<long>(database,
                "SELECT count(*) FROM tickets WHERE resolved_at IS NOT NULL")).Should().Be(expected.Resolved);
            (await ScalarAsync<long>(database,
                "SELECT sum(score) FROM survey_responses WHERE kind = 'csat'")).Should().Be(expected.ScoreSum);
            (await ScalarAsync<DateTime>(database,
                "SELECT min(created_at) FROM tickets")).Should().Be(expected.FirstCreated);
            (await ScalarAsync<long>(database, "SELECT count(*) FROM teams")).Should().Be(Roles.Length);
            (await ScalarAsync<string>(database,
                "SELECT coalesce(comment, '') FROM survey_responses ORDER BY source_id LIMIT 1"))
                .Should().Be(expected.SampleComment);
            var before = await SnapshotAsync(database);

            var again = await DbMigrateCommandTests.RunAsync(["import", "--mapping", "Case export", path,
                "--connection", database.ConnectionString]);

            again.Exit.Should().Be(CliApp.Success, again.Error);
            again.Output.Should().Contain($"0 inserted, 0 updated, {Rows + expected.Ratings + 20:N0} unchanged");
            (await SnapshotAsync(database)).Should().Be(before);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("import", "--mapping", "No such mapping")]
    [InlineData("import", "agents", "--mapping", "Case export")]
    public async Task An_unknown_mapping_or_one_for_another_kind_is_wrong_usage(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Case export", Mapping, ["Case Number"], "tester");
        var path = Path.Combine(Path.GetTempPath(), $"cases-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "Case Number\nC1\n");
        try
        {
            (await DbMigrateCommandTests.RunAsync([.. args, path, "--connection",
                database.ConnectionString])).Exit.Should().Be(CliApp.Usage);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_file_without_the_columns_the_mapping_was_saved_with_exits_3_listing_what_differs()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Case export", Mapping, Headers.Split(','), "tester");
        var path = Path.Combine(Path.GetTempPath(), $"cases-{Guid.NewGuid():N}.csv");
        // Another export: no CSAT Score column, a Priority column the saved file did not have.
        var headers = Headers.Replace(",CSAT Score", ",Priority", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, headers + "\n0100,25/07/2023 09:15,Phone,,Jane Smith,Tier 2,,,,,high,\n");
        try
        {
            var (exit, output, error) = await DbMigrateCommandTests.RunAsync(["import", "--mapping", "Case export",
                path, "--connection", database.ConnectionString]);

            exit.Should().Be(CliApp.Rejected, error);
            output.Should().BeEmpty();
            error.Should().Contain("column CSAT Score: the mapping 'Case export' reads it")
                .And.Contain("column Priority: not in the file 'Case export' was saved with")
                .And.Contain("surveys.score: would be left unmapped").And.Contain("nothing was imported");
            (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets")).Should().Be(0);
            (await ScalarAsync<long>(database, "SELECT count(*) FROM agents")).Should().Be(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the export (deterministic) and returns what the database must hold after importing it.</summary>
    private static async Task<Expected> WriteExportAsync(string path)
    {
        var random = new Random(20230725);
        var agents = Enumerable.Range(0, 20).Select(i =>
            ($"{FirstNames[i % FirstNames.Length]} {LastNames[i * 7 % LastNames.Length]}",
                Roles[i % Roles.Length])).ToArray();
        var channels = new Dictionary<string, int>();
        int ratings = 0, resolved = 0;
        long scoreSum = 0;
        var firstCreated = DateTime.MaxValue;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteAsync(Headers + "\r\n");
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var id = $"0{1_000_000 + i}";
            var opened = start.AddMinutes(random.Next(0, 365 * 24 * 60));
            var origin = Origins[random.Next(Origins.Length)];
            var (owner, role) = agents[random.Next(agents.Length)];
            var account = random.Next(10) == 0 ? "" : $"ACC-{random.Next(8_000):D5}";
            var type = random.Next(6) switch { 0 => "Complaint", 1 => "Return", 2 => "", _ => "Question" };
            var firstResponse = random.Next(5) == 0 ? (DateTime?)null : opened.AddMinutes(random.Next(1, 600));
            var closed = random.Next(7) == 0 ? (DateTime?)null : opened.AddMinutes(random.Next(600, 10_000));
            var reopened = random.Next(3) switch { 0 => "Yes", 1 => "No", _ => "" };
            var score = closed is not null && random.Next(3) == 0 ? random.Next(1, 6) : (int?)null;
            var description = random.Next(4) switch
            {
                0 => "",
                1 => $"Customer says \"{owner} was great\", thanks",
                2 => $"Order {random.Next(99_999)}, refund issued;\nfollow-up sent",
                _ => "Password reset",
            };
            var channel = origin switch
            {
                "Phone" or "Inbound" or "Outcall" => "phone",
                "Web" or "Email" => "email",
                "Walk-in" => "in_person",
                _ => "chat"
            };
            channels[channel] = channels.GetValueOrDefault(channel) + 1;
            resolved += closed is null ? 0 : 1;
            if (score is { } s)
            {
                ratings++;
                scoreSum += s;
            }
            firstCreated = opened < firstCreated ? opened : firstCreated;
            await writer.WriteAsync(string.Join(',', id, DayFirst(opened), origin, account, owner, role, type,
                DayFirst(firstResponse), DayFirst(closed), reopened,
                score?.ToString(CultureInfo.InvariantCulture) ?? "", Quote(description)) + "\r\n");
        }
        return new Expected(channels, ratings, scoreSum, resolved, firstCreated, await FirstRatedCommentAsync(path));
    }

    /// <summary>The comment of the rated case with the smallest response id (csat:&lt;case number&gt;), read back from
    /// the file by a plain CSV reading.</summary>
    private static async Task<string> FirstRatedCommentAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var reader = new CsvRecordReader(stream);
        var fields = new List<string>();
        reader.ReadHeader(fields);
        while (reader.Read(fields))
        {
            if (fields[10].Length > 0)
                return fields[11];
        }
        return "";
    }

    private static string DayFirst(DateTime? value) => value?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
        ?? "";

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"",
        "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static readonly string[] FirstNames = ["Anna", "Piotr", "Jane", "Tom", "Eva", "Marco", "Sofia", "Jan",
        "Lotte", "Ahmed", "Chen", "Maria"];
    private static readonly string[] LastNames = ["Rossi", "Nowak", "Smith", "de Vries", "Kowalski", "Bianchi",
        "Jansen", "Müller", "Garcia", "Okafor", "Li"];
}
