using System.Text;
using System.Text.Json;
using CsKpi.Cli;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Cli;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>The organisation's channel list: channels added to it import, filter and group like the defaults; a
/// channel not in it is refused; a mapping adds one only with a successful import.</summary>
public class ChannelListTests
{
    private static readonly Dictionary<string, string?> WebNames = new()
    {
        ["en"] = "Web",
        ["it"] = "Sito web",
        ["pl"] = "Strona",
        ["nl"] = "Website",
    };

    private static async Task AddWebAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        await new ChannelSettings(db).AddAsync("Web", WebNames);
    }

    [Fact]
    public async Task The_list_starts_with_the_five_defaults_named_as_the_app_showed_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        var list = await ChannelList.LoadAsync(db);

        list.All.Should().Equal(Channels.Defaults);
        list.Entries.Select(c => (c.Code, c.NameEn, c.NameIt, c.NamePl, c.NameNl)).Should().Equal(
            ("phone", "phone", "telefono", "telefon", "telefoon"),
            ("email", "email", "email", "e-mail", "e-mail"),
            ("chat", "chat", "chat", "czat", "chat"),
            ("social", "social", "social", "media społecznościowe", "sociale media"),
            ("in_person", "in person", "di persona", "osobiście", "persoonlijk"));
    }

    [Fact]
    public async Task Tickets_and_interactions_on_an_added_channel_import_and_their_kpis_filter_and_group_by_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddWebAsync(database);
        (await ImportAsync(database, ImportKind.Agents, Agents)).Outcome.Should().Be(ImportOutcome.Imported);

        var tickets = await ImportAsync(database, ImportKind.Tickets, """
            ticket_id,created_at,channel,agent_id
            T1,2026-03-02T10:00:00Z,web,A1
            T2,2026-03-03T10:00:00Z,Web,A1
            T3,2026-03-04T10:00:00Z,phone,A2
            """);
        var interactions = await ImportAsync(database, ImportKind.Interactions, """
            interaction_id,ticket_id,agent_id,started_at,talk_seconds,channel
            I1,T3,A2,2026-03-04T10:05:00Z,100,WEB
            I2,T1,A1,2026-03-02T10:05:00Z,300,
            """);

        tickets.Outcome.Should().Be(ImportOutcome.Imported);
        interactions.Outcome.Should().Be(ImportOutcome.Imported);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets WHERE channel = 'web'")).Should().Be(2);
        var web = new KpiFilters(Channel: Channels.TryParse("web", out var c) ? c : null);
        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", web);
        report.Kpis["ticket_volume"].Value.Should().Be(2);
        report.Kpis["time_with_customer_avg"].Value.Should().Be(200, "I1 is on web, I2 takes its ticket's web");
        var byChannel = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", groupBy: Grouping.Channel);
        byChannel.Groups!.Select(g => (g.Key, g.Kpis["ticket_volume"].Value)).Should().Equal(
            ("phone", 1d), ("email", null), ("chat", null), ("social", null), ("in_person", null), ("web", 2d));
    }

    [Fact]
    public async Task The_command_line_takes_an_added_channel_and_refuses_one_not_listed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddWebAsync(database);
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T10:00:00Z", Channel.Phone);
            await data.SaveAsync();
        }
        string[] march = ["kpi", "--from", "2026-03-01", "--to", "2026-04-01", "--connection",
            database.ConnectionString, "--format", "json", "--channel"];

        var (exit, output, error) = await DbMigrateCommandTests.RunAsync([.. march, "WEB"]);
        var refused = await DbMigrateCommandTests.RunAsync([.. march, "fax"]);

        exit.Should().Be(CliApp.Success, error);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("filters").GetProperty("channel").GetString().Should().Be("web");
            json.RootElement.GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").ValueKind
                .Should().Be(JsonValueKind.Null, "the phone ticket is not on web");
        }
        refused.Exit.Should().Be(CliApp.Usage);
        refused.Error.Should().Contain("Unknown channel 'fax': use one of phone, email, chat, social, in_person, web.");
    }

    [Fact]
    public async Task A_channel_not_in_the_list_is_a_row_error_naming_the_value_and_the_listed_channels()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddWebAsync(database);
        (await ImportAsync(database, ImportKind.Agents, Agents)).Outcome.Should().Be(ImportOutcome.Imported);
        var before = await SnapshotAsync(database);

        var summary = await ImportAsync(database, ImportKind.Tickets, """
            ticket_id,created_at,channel,agent_id
            T1,2026-03-02T10:00:00Z,web,A1
            T2,2026-03-03T10:00:00Z,self service,A1
            """);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 3, column channel: unknown channel (use phone, email, chat, social, in_person, web) " +
            "('self service')");
        (await SnapshotAsync(database)).Should().Be(before);
        await using var db = database.CreateContext();
        (await db.Channels.CountAsync()).Should().Be(6, "an import adds no channel that its mapping does not name");
    }

    /// <summary>A help desk export whose "Source" has a self-service value none of the defaults is.</summary>
    private const string Export = """
        Id,Opened,Source
        H1,2026-03-02T10:00:00Z,Self-Service
        H2,2026-03-03T10:00:00Z,Phone
        """;

    private static ImportMapping SelfServiceMapping() => new()
    {
        Kinds =
        [
            new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
            {
                ["ticket_id"] = new() { Header = "Id" },
                ["created_at"] = new() { Header = "Opened" },
                ["channel"] = new()
                {
                    Header = "Source",
                    Values = new Dictionary<string, string> { ["Self-Service"] = "self_service" },
                },
            }),
        ],
        NewChannels = [new NewChannel("self_service", "Self-Service")],
    };

    private static Task<ImportSummary> ImportMappedAsync(TestDatabase database, ImportMapping mapping, string csv,
        bool dryRun = false) =>
        new CsvImporter(database.ConnectionString).ImportAsync(mapping, new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            "export.csv", "tester", new ImportOptions { Mapping = mapping, DryRun = dryRun });

    [Fact]
    public async Task A_value_translated_to_a_new_channel_adds_it_to_the_list_only_with_a_successful_import()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = SelfServiceMapping();

        var failed = await ImportMappedAsync(database, mapping, Export + "H3,yesterday,Phone\n");
        var checkedOnly = await ImportMappedAsync(database, mapping, Export, dryRun: true);

        failed.Outcome.Should().Be(ImportOutcome.Rejected);
        checkedOnly.Outcome.Should().Be(ImportOutcome.Checked);
        await using (var db = database.CreateContext())
            (await db.Channels.AnyAsync(c => c.Code == "self_service")).Should().BeFalse();

        var imported = await ImportMappedAsync(database, mapping, Export);
        var again = await ImportMappedAsync(database, mapping, Export);

        imported.Outcome.Should().Be(ImportOutcome.Imported);
        again.Outcome.Should().Be(ImportOutcome.Imported, "the channel is listed now; the mapping adds it no more");
        await using (var db = database.CreateContext())
        {
            var added = await db.Channels.SingleAsync(c => c.Code == "self_service");
            (added.NameEn, added.NameIt, added.NamePl, added.NameNl, added.Position)
                .Should().Be(("Self-Service", "Self-Service", "Self-Service", "Self-Service", 6));
            (await db.Tickets.OrderBy(t => t.SourceId).Select(t => t.Channel).ToListAsync())
                .Select(c => c.Code()).Should().Equal("self_service", "phone");
        }
    }

    [Fact]
    public async Task A_mapping_new_channel_with_an_impossible_code_refuses_the_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = SelfServiceMapping() with { NewChannels = [new NewChannel("self service portal!", "Portal")] };

        var summary = await ImportMappedAsync(database, mapping, Export);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal("line 1, column channel: not a channel code: a " +
            "letter, then letters, digits or underscores, at most 16 characters ('self service portal!')");
        await using var db = database.CreateContext();
        (await db.Channels.CountAsync()).Should().Be(5);
    }

    [Theory]
    [InlineData("Web", "web")]
    [InlineData("self-service", "self_service")]
    [InlineData("IN PERSON", "in_person")]
    public void A_cell_reads_as_a_listed_channel_whatever_its_case_spaces_or_dashes(string cell, string code) =>
        new CellParser(TimeZoneInfo.Utc, ',', channels: ["phone", "in_person", "web", "self_service"])
            .Parse(ColumnType.Channel, cell, out _).Should().Be(code);

    [Fact]
    public async Task An_admin_adds_a_channel_with_a_name_per_language_and_renames_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var settings = new ChannelSettings(db);

        (await settings.AddAsync(" WhatsApp ", new Dictionary<string, string?>
        {
            ["en"] = "WhatsApp",
            ["it"] = "WhatsApp",
            ["pl"] = "WhatsApp",
            ["nl"] = "WhatsApp",
        })).Code().Should().Be("whatsapp");
        await settings.RenameAsync("whatsapp", WebNames);

        var list = await ChannelList.LoadAsync(db);
        list.All.Select(c => c.Code()).Should().Equal("phone", "email", "chat", "social", "in_person", "whatsapp");
        list.Name(list.All[^1], "it").Should().Be("Sito web");
        list.Name(Channel.InPerson, "en").Should().Be("in person");
        list.Name(Channel.InPerson, "de").Should().Be("in person", "other languages read English");
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "phone", "Telephone", "The channel phone is already in the list." },
        { "web site!", "Web", "'web site!' cannot be a channel code" },
        { "a_channel_code_too_long", "Web", "cannot be a channel code" },
        { "web", " ", "Give the channel a name in every language." },
        { "web", new string('x', 61), "A channel name is at most 60 characters." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_impossible_channel_is_refused_with_the_reason_and_nothing_added(string code, string name,
        string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var names = new Dictionary<string, string?> { ["en"] = "Web", ["it"] = name, ["pl"] = "Web", ["nl"] = "Web" };

        var adding = () => new ChannelSettings(db).AddAsync(code, names);

        (await adding.Should().ThrowAsync<ChannelException>()).Which.Message.Should().Contain(reason);
        (await db.Channels.CountAsync()).Should().Be(5);
    }
}
