using System.CommandLine;
using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi kpi</c> and <c>cskpi drivers</c> (cli.md): the report engine, printed as a table, JSON or CSV.
/// </summary>
internal static class KpiCommands
{
    private static readonly Option<string> FromOption =
        new("--from") { Description = "Start of the period, inclusive (yyyy-MM-dd, local).", Required = true };

    private static readonly Option<string> ToOption =
        new("--to") { Description = "End of the period, exclusive (yyyy-MM-dd, local).", Required = true };

    private static readonly Option<string?> TeamOption = new("--team") { Description = "Only this team (name)." };
    private static readonly Option<string?> AgentOption =
        new("--agent") { Description = "Only this agent (agent_id)." };

    private static readonly Option<string?> ChannelOption =
        new("--channel") { Description = "Only this channel: a code of the list (phone, email, chat, social, …)." };

    private static readonly Option<string?> CategoryOption =
        new("--category") { Description = "Only this ticket category." };

    private static readonly Option<string?> TimeZoneOption =
        new("--timezone") { Description = "IANA time zone of the organisation (default: CSKPI_TIMEZONE, else UTC)." };

    public static Command Kpi(CliContext context)
    {
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "day, week, month, team, agent, channel or category.",
        };
        groupBy.AcceptOnlyFromAmong(Enum.GetValues<Grouping>().Select(g => g.Code()).ToArray());
        var format = FormatOption("table", "json", "csv");
        var command = new Command("kpi", "Every KPI of a period, with the previous period and optional grouping.")
        {
            FromOption, ToOption, TeamOption, AgentOption, ChannelOption, CategoryOption, groupBy, format,
            TimeZoneOption,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            // No time limit for a one-off report, but a killed command still ends its query.
            await using var db = Database.CreateContext(SessionLimits.Unbounded.Apply(connection));
            Grouping? grouping = Groupings.TryParse(parsed.GetValue(groupBy), out var g) ? g : null;
            var (period, filters) = await ParseAsync(parsed, context, db, grouping, cancellationToken);
            var engine = await EngineAsync(db, period, cancellationToken);
            var report = await new KpiReports(db, engine)
                .RunAsync(new KpiRequest(period, filters, grouping), cancellationToken);
            await context.Output.WriteAsync(parsed.GetValue(format) switch
            {
                "json" => KpiReportWriter.ToJson(report) + "\n",
                "csv" => KpiReportWriter.ToCsv(report),
                _ => KpiTable.Render(report),
            });
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    public static Command Drivers(CliContext context)
    {
        var format = FormatOption("table", "json");
        var command = new Command("drivers",
            "Key-driver analysis of csat survey dimensions (importance and performance).")
        {
            FromOption, ToOption, TeamOption, AgentOption, ChannelOption, CategoryOption, format, TimeZoneOption,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            // No time limit for a one-off report, but a killed command still ends its query.
            await using var db = Database.CreateContext(SessionLimits.Unbounded.Apply(connection));
            var (period, filters) = await ParseAsync(parsed, context, db, grouping: null, cancellationToken);
            var engine = await EngineAsync(db, period, cancellationToken);
            var drivers = await new KeyDrivers(db, engine).AnalyseAsync(period, filters, cancellationToken);
            await context.Output.WriteAsync(parsed.GetValue(format) == "json"
                ? KpiReportWriter.ToJson(drivers) + "\n"
                : KpiTable.Render(drivers));
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The rollups serve the dashboard's time zone. A command reads them when they are built for its zone, brought up
    /// to date first (a command is no request: it may rebuild the dirty days), else the raw rows (the same numbers):
    /// a one-off report never rebuilds them all for another zone (minutes at 10M tickets, and the dashboard would
    /// rebuild them back).
    /// </summary>
    private static async Task<KpiEngineOptions> EngineAsync(KpiDbContext db, ReportPeriod period,
        CancellationToken cancellationToken) =>
        await DailyRollups.BuiltForAsync(db, period.TimeZone.Id, cancellationToken)
        && await DailyRollups.RefreshAsync(db, period.TimeZone.Id, cancellationToken)
            ? KpiEngineOptions.Default
            : KpiEngineOptions.RawRows;

    private static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = string.Join(", ", formats) + ".",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>
    /// Period and filters from the options; unknown names and a report beyond the default bounds (as the web app's)
    /// are usage errors, not silent "no data".
    /// </summary>
    private static async Task<(ReportPeriod, KpiFilters)> ParseAsync(
        ParseResult parsed, CliContext context, KpiDbContext db, Grouping? grouping,
        CancellationToken cancellationToken)
    {
        var timeZoneId = parsed.GetValue(TimeZoneOption) ?? context.Environment("CSKPI_TIMEZONE") ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var timeZone))
            throw new UsageException($"Unknown time zone '{timeZoneId}': give an IANA id such as Europe/Warsaw.");
        try
        {
            var (period, filters) = await ReportArguments.ParseAsync(db,
                parsed.GetValue(FromOption), parsed.GetValue(ToOption), parsed.GetValue(TeamOption),
                parsed.GetValue(AgentOption), parsed.GetValue(ChannelOption), parsed.GetValue(CategoryOption), timeZone,
                cancellationToken);
            ReportArguments.CheckBounds(period, grouping, new ReportBounds());
            return (period, filters);
        }
        catch (ReportArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

/// <summary>Plain-text tables for a terminal, rounded for reading (kpis.md display rules).</summary>
internal static class KpiTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(KpiReport report)
    {
        var rows = new List<string[]> { new[] { "KPI", "value", "previous", "change", "count" } };
        foreach (var (key, value) in report.Kpis)
        {
            var kpi = KpiRegistry.Get(key);
            var change = KpiDisplay.Change(value.Value, value.Previous);
            rows.Add([kpi.Name, KpiDisplay.Format(kpi, value.Value, Invariant),
                KpiDisplay.Format(kpi, value.Previous, Invariant),
                change is { } c
                    ? (c >= 0 ? "+" : "")
                        + KpiDisplay.Format(kpi, c, Invariant).Replace(" %", " pt", StringComparison.Ordinal)
                    : KpiDisplay.NoData,
                value.Count.ToString(CultureInfo.InvariantCulture)]);
        }
        var text = Align(rows);
        if (report.Groups is { } groups)
        {
            var keys = report.Kpis.Keys.ToList();
            var groupRows = new List<string[]>
            {
                new[] { report.Request.GroupBy!.Value.Code() }.Concat(keys).ToArray(),
            };
            foreach (var group in groups)
            {
                var cells = keys.Select(k => KpiDisplay.Format(KpiRegistry.Get(k),
                    group.Kpis.TryGetValue(k, out var v) ? v.Value : null, Invariant));
                groupRows.Add(new[] { group.Label ?? "(none)" }.Concat(cells).ToArray());
            }
            text += "\n" + Align(groupRows);
        }
        foreach (var note in report.Notes)
            text += $"\nNote: {note.Text}";
        return text + "\n";
    }

    public static string Render(IReadOnlyList<DriverResult> drivers)
    {
        if (drivers.Count == 0)
            return $"No dimension has {KeyDrivers.MinimumRatings} or more ratings in this period.\n";
        var rows = new List<string[]> { new[] { "dimension", "n", "importance", "performance" } };
        rows.AddRange(drivers.Select(d => new[]
        {
            d.Dimension, d.N.ToString(CultureInfo.InvariantCulture),
            d.Importance?.ToString("0.00", CultureInfo.InvariantCulture) ?? KpiDisplay.NoData,
            d.Performance?.ToString("0.00", CultureInfo.InvariantCulture) ?? KpiDisplay.NoData,
        }));
        return Align(rows) + "\n";
    }

    private static string Align(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return string.Join("\n", rows.Select(r => string.Join("  ",
            r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()));
    }
}
