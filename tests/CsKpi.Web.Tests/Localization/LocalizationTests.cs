using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsKpi.Core.Accounts;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Localization;

/// <summary>
/// English, Italian, Polish and Dutch: every text translated, chosen by picker, query or browser, formatted per
/// culture.
/// </summary>
public partial class LocalizationTests
{
    [Fact]
    public void An_import_reason_is_translated_as_written_and_its_argument_filled_in()
    {
        var options = new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" };
        var factory = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var t = factory.Create(typeof(SharedResource));
        var error = new ImportError(5, "ticket_id", "T1", "duplicate id: also on line {0}", "2");
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("it");
            t.Reason(error).Should().Be("id duplicato: presente anche alla riga 2");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
        error.ToString().Should().Be("line 5, column ticket_id: duplicate id: also on line 2 ('T1')");
    }

    private static readonly string[] Languages = ["it", "pl", "nl"];
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    public static TheoryData<string> Translations => new() { "it", "pl", "nl" };

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_text_of_the_ui_and_every_kpi_help_has_a_translation_with_the_same_placeholders(string language)
    {
        var translations = Resx(language);
        var keys = SourceKeys().Concat(EngineKeys()).Concat(DynamicKeys()).Distinct().ToList();

        keys.Should().HaveCountGreaterThan(250);
        translations.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty("resx names are case-insensitive: \"Tickets\" and \"tickets\" cannot both be keys");
        keys.Where(k => !translations.ContainsKey(k)).Should().BeEmpty($"every text needs a {language} translation");
        foreach (var (key, text) in translations)
        {
            text.Should().NotBeNullOrWhiteSpace(key);
            Placeholders(text)
                .Should().Equal(Placeholders(key), $"the {language} text of \"{key}\" keeps its placeholders");
        }
    }

    [Fact]
    public void Every_kpi_says_what_it_means_and_how_it_is_computed() =>
        KpiRegistry.All.Should().AllSatisfy(k => k.Help.Should().NotBeNullOrWhiteSpace(k.Key));

    [Theory]
    [InlineData("it-IT,it;q=0.9", "Panoramica del servizio clienti", "60,0 %", "Soddisfazione del cliente")]
    [InlineData("pl", "Przegląd obsługi klienta", "60,0 %", "Satysfakcja klienta")]
    [InlineData("nl-NL", "Overzicht klantenservice", "60,0 %", "Klanttevredenheid")]
    [InlineData("en-GB,en", "Customer service overview", "60.0 %", "Customer satisfaction")]
    [InlineData("de-DE", "Customer service overview", "60.0 %", "Customer satisfaction")]
    public async Task The_browsers_language_picks_the_texts_and_the_number_format(
        string acceptLanguage, string title, string csat, string csatName)
    {
        await using var database = await DatabaseWithCsatAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var (html, page) = Html.Read(await client.GetStringAsync("/?" + March));

        html.Should().Contain($"<h1>{title}</h1>").And.Contain($"<h3>{csatName}</h3>");
        page.Card("csat").Should().Be(csat);
    }

    [Fact]
    public async Task The_language_picker_remembers_the_choice_over_the_browsers()
    {
        await using var database = await DatabaseWithCsatAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");
        var page = await client.GetStringAsync("/?" + March);

        var response = await client.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["culture"] = "pl",
            ["returnUrl"] = "/?" + March,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/?" + March);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/?" + March));
        html.Should().Contain("<h1>Przegląd obsługi klienta</h1>").And.Contain("<html lang=\"pl\">");
        html.Should().Contain("Odsetek odpowiedzi CSAT z oceną 4 lub 5 na 5", "the KPI's help text is translated too");
    }

    [Fact]
    public async Task A_query_string_culture_works_for_a_shared_link_and_an_unknown_one_falls_back_to_english()
    {
        await using var database = await DatabaseWithCsatAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);

        (await factory.CreateClient().GetStringAsync("/Account/SignIn?culture=nl"))
            .Should().Contain("Aanmelden bij CsKpi");
        (await factory.CreateClient().GetStringAsync("/Account/SignIn?culture=xx"))
            .Should().Contain("Sign in to CsKpi");
    }

    [Fact]
    public async Task Refusals_and_csv_errors_from_the_engine_are_translated_too()
    {
        await using var database = await DatabaseWithCsatAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var users = await admin.GetStringAsync("/Admin/Users");
        var refused = await admin.PostAsync("/Admin/Users?handler=Create", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Html.AntiforgeryToken(users),
                ["Email"] = "not an email",
                ["Role"] = "Manager",
            }));
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync())
            .Should().Contain("'not an email' non è un indirizzo email.");

        var upload = await admin.GetStringAsync("/Admin/Uploads");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(upload)), "__RequestVerificationToken" },
            { new StringContent("tickets"), "Kind" },
            {
                new ByteArrayContent(
                    "ticket_id,created_at,channel\nT1,2026-03-01T10:00:00Z,fax\nT1,soon,chat\n"u8.ToArray()),
                "CsvFile", "tickets.csv"
            },
        };
        var uploaded = await admin.PostAsync("/Admin/Uploads?handler=Upload", content);
        var job = Regex.Match(uploaded.Headers.Location!.ToString(), "job=([0-9a-f-]{36})").Groups[1].Value;
        var page = "";
        await Eventually.UntilAsync(async () =>
        {
            page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Uploads?job=" + job));
            return !page.Contains("data-import-job", StringComparison.Ordinal);
        }, "the import ends");

        page.Should().Contain("canale sconosciuto (usa phone, email, chat, social, in_person)")
            .And.Contain("non è un istante (usa ISO 8601");
    }

    private static async Task<TestDatabase> DatabaseWithCsatAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var data = new KpiData(database.CreateContext());
        foreach (var score in new[] { 5, 5, 4, 3, 2 })
            data.Survey(SurveyKind.Csat, score, "2026-03-10T10:00:00Z");
        await data.SaveAsync();
        return database;
    }

    /// <summary>The literal keys of T["…"] and t["…"] in the web app's views and page models.</summary>
    private static IEnumerable<string> SourceKeys()
    {
        var web = Path.Combine(Repository.Root, "src", "CsKpi.Web");
        var (obj, bin) = ($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}");
        return Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(obj, StringComparison.Ordinal) && !f.Contains(bin, StringComparison.Ordinal))
            .SelectMany(f => LocalizerKey().Matches(JoinedLiterals(File.ReadAllText(f)))
                .Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Where(k => k is not ("By " or "KPIs by "));
    }

    /// <summary>A long key written as literals joined with + over several lines, joined back into one.</summary>
    private static string JoinedLiterals(string source) => LiteralJoin().Replace(source, "");

    /// <summary>
    /// Refusals and CSV validation reasons from the engine: the literal texts of AccountException / TargetException /
    /// ChannelException, of cell errors, row checks, reference checks and the CSV reader.
    /// </summary>
    private static IEnumerable<string> EngineKeys()
    {
        var core = Path.Combine(Repository.Root, "src", "CsKpi.Core");
        var files = new[] { "Accounts", "Import" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(core, d), "*.cs"))
            .Append(Path.Combine(core, "Kpis", "TargetSettings.cs"))
            .Append(Path.Combine(core, "Data", "ChannelSettings.cs"));
        return files.SelectMany(f => EngineText().Matches(JoinedLiterals(File.ReadAllText(f))))
            .Select(m => m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value
                .Replace("\\\"", "\"", StringComparison.Ordinal))
            .Where(k => k.Length > 0);
    }

    /// <summary>Texts looked up by value: KPI names and help, codes, roles, periods, statuses, hints.</summary>
    private static IEnumerable<string> DynamicKeys() =>
        KpiRegistry.All.SelectMany(k => new[] { k.Name, k.Help })
            .Concat(Channels.Defaults.Select(c => c.Code()))
            .Concat(Enum.GetValues<ImportKind>().Select(k => k.Code()))
            .Concat(Enum.GetValues<ImportResult>().Select(r => r.ToString()))
            .Concat(Enum.GetValues<TargetStatus>().SelectMany(s => new[] { s.ToString(), s + " target" }))
            .Concat(Enum.GetValues<TimeBucket>().Select(b => b.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<TimeBucket>()
                .SelectMany(b => new[] { TrendGaps.HiddenText(b), TrendGaps.NoLineText(b) }))
            .Concat(new[] { Grouping.Team, Grouping.Agent, Grouping.Channel, Grouping.Category }
                .SelectMany(g => new[] { g.ToString(), "By " + g.Code(), "KPIs by " + g.Code() }))
            .Concat(Roles.All)
            .Concat(DashboardQuery.Periods.Select(p => p.Label))
            .Concat(KpiRegistry.All.SelectMany(
                k => Enum.GetValues<NoDataReason>().Select(r => KpiCard.NoDataHint(k, r))))
            .Concat(["unknown survey kind (use csat, nps, ces, enps)", "duplicate id: also on line {0}",
                "{0} runs from {1} to {2}: {3} cannot be a target."])
            .Concat(Enum.GetValues<SurveyKind>()
                .Select(k => $"outside the {k.Code()} scale {k.Scale().Min}–{k.Scale().Max}"))
            .Concat(Enum.GetValues<DateForm>().Select(f => f.Mismatch()))
            .Concat(["several agents have this name: give the agent id instead"])
            .Concat(CsvProblem.Reasons)
            .Concat(MappingDocument.Reasons)
            .Concat(["Hidden: fewer than 5 responses could identify people.", "Incorrect password.",
                "Passwords must be at least 12 characters.", "Passwords must use at least 5 different characters.",
                "Enter your email and password.",
                CsKpi.Web.Pages.Account.SignInModel.Refused]);

    private static Dictionary<string, string> Resx(string language)
    {
        var path = Path.Combine(Repository.Root, "src", "CsKpi.Web", "Resources", $"SharedResource.{language}.resx");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Order()];


    [GeneratedRegex("\\b[Tt]\\[\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("\"\\s+\\+\\s+\"")]
    private static partial Regex LiteralJoin();

    [GeneratedRegex("(?:AccountException|TargetException|ChannelException)\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\""
        + "|\\? \"([^\"]* [^\"]*)\""
        + "|: \"((?:[^\"\\\\]|\\\\.)*)\", email\\)"
        + "|error = \"((?:[^\"\\\\]|\\\\.)*)\""
        + "|errors\\.Add\\([^;]*?, \"((?:[^\"\\\\]|\\\\.)*)\"\\);"
        + "|Missing\\(\"[^\"]*\", \"[^\"]*\", \"((?:[^\"\\\\]|\\\\.)*)\"\\)"
        + "|CsvFormatException\\(Line, \"((?:[^\"\\\\]|\\\\.)*)\"\\)")]
    private static partial Regex EngineText();

    [GeneratedRegex("\\{\\d+\\}")]
    private static partial Regex Placeholder();
}
