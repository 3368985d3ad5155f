using System.Globalization;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Dashboard;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Records;

/// <summary>
/// One column of a record kind, defined once for both of its views: the heading (an English text, translated on the
/// page) and the cell on the page (with a link where it has one), the name and the value in the CSV export.
/// </summary>
public sealed record RecordColumn<T>(
    string Heading,
    string CsvName,
    Func<T, RecordCulture, string> Show,
    Func<T, string> Csv,
    Func<T, RecordCulture, string?>? Link = null);

/// <summary>
/// What a cell on the page is written in: the page's language, its number and date formats, its channel names, the
/// organisation's time zone, the agents' names and where a ticket id links to (<see cref="TicketLinks"/>).
/// </summary>
public sealed record RecordCulture(IStringLocalizer T, CultureInfo Culture, ChannelNames Channels)
{
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public TicketLinks TicketLinks { get; init; } = TicketLinks.None;
    /// <summary>Agent source id → name: people are shown "name (id)", since names repeat.</summary>
    public IReadOnlyDictionary<string, string> AgentNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A UTC instant as the organisation's local time, in the page's language: "15 Mar 2026 9:05 AM",
    /// "15 mar 2026 09:05" — the day month year order of the period label, the culture's month names and clock.
    /// </summary>
    public string LocalTime(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        return local.ToString("d MMM yyyy", Culture) + " " + local.ToString("t", Culture);
    }

    public string Agent(string? id) => id is null ? "—"
        : AgentNames.TryGetValue(id, out var name) ? AgentChoice.LabelOf(name, id) : id;
}

/// <summary>
/// The columns of each record kind, in order; the first names the record (the row's heading on the page).
/// </summary>
public static class RecordColumns
{
    private const string None = "—";

    public static readonly IReadOnlyList<RecordColumn<TicketRecord>> Tickets =
    [
        new("Ticket", "ticket_id", (r, _) => r.TicketId, r => r.TicketId, (r, c) => c.TicketLinks.For(r.TicketId)),
        new("Created", "created_at", (r, c) => c.LocalTime(r.CreatedAt), r => Time(r.CreatedAt)),
        new("Channel", "channel", (r, c) => c.Channels[r.Channel], r => r.Channel.Code()),
        new("Category", "category", (r, _) => r.Category ?? None, r => r.Category ?? ""),
        new("Agent", "agent_id", (r, c) => c.Agent(r.Agent), r => r.Agent ?? ""),
        new("Team", "team", (r, _) => r.Team ?? None, r => r.Team ?? ""),
        new("First response", "first_response_seconds", (r, c) => Duration(r.FirstResponseSeconds, c),
            r => Number(r.FirstResponseSeconds)),
        new("Resolution", "resolution_seconds", (r, c) => Duration(r.ResolutionSeconds, c),
            r => Number(r.ResolutionSeconds)),
        new("Interaction count", "interactions", (r, c) => r.Interactions.ToString(c.Culture),
            r => Number(r.Interactions)),
        new("Handle time", "handle_seconds", (r, c) => Duration(r.HandleSeconds, c), r => Number(r.HandleSeconds)),
        new("CSAT", "csat", (r, c) => r.Csat?.ToString("0.#", c.Culture) ?? None, r => Number(r.Csat)),
        new("NPS", "nps", (r, c) => r.Nps?.ToString("0.#", c.Culture) ?? None, r => Number(r.Nps)),
    ];

    public static readonly IReadOnlyList<RecordColumn<InteractionRecord>> Interactions =
    [
        new("Interaction", "interaction_id", (r, _) => r.InteractionId, r => r.InteractionId),
        new("Started", "started_at", (r, c) => c.LocalTime(r.StartedAt), r => Time(r.StartedAt)),
        new("Ticket", "ticket_id", (r, _) => r.TicketId, r => r.TicketId, (r, c) => c.TicketLinks.For(r.TicketId)),
        new("Channel", "channel", (r, c) => c.Channels[r.Channel], r => r.Channel.Code()),
        new("Agent", "agent_id", (r, c) => c.Agent(r.Agent), r => r.Agent),
        new("Team", "team", (r, _) => r.Team ?? None, r => r.Team ?? ""),
        new("Talk", "talk_seconds", (r, c) => Duration(r.TalkSeconds, c), r => Number(r.TalkSeconds)),
        new("Hold", "hold_seconds", (r, c) => Duration(r.HoldSeconds, c), r => Number(r.HoldSeconds)),
        new("Wrap-up", "wrap_seconds", (r, c) => Duration(r.WrapSeconds, c), r => Number(r.WrapSeconds)),
    ];

    public static readonly IReadOnlyList<RecordColumn<ResponseRecord>> Responses =
    [
        new("Response", "response_id", (r, _) => r.ResponseId, r => r.ResponseId),
        new("Submitted", "submitted_at", (r, c) => c.LocalTime(r.SubmittedAt), r => Time(r.SubmittedAt)),
        new("Survey", "survey", (r, _) => r.Kind.Code(), r => r.Kind.Code()),
        new("Rating", "score", (r, c) => r.Score.ToString(c.Culture), r => Number(r.Score)),
        new("Ticket", "ticket_id", (r, _) => r.TicketId ?? None, r => r.TicketId ?? "",
            (r, c) => r.TicketId is { } id ? c.TicketLinks.For(id) : null),
        new("Agent", "agent_id", (r, c) => c.Agent(r.Agent), r => r.Agent ?? ""),
        new("Team", "team", (r, _) => r.Team ?? None, r => r.Team ?? ""),
        new("Comment", "comment", (r, _) => r.Comment ?? "", r => r.Comment ?? ""),
    ];

    public static readonly IReadOnlyList<RecordColumn<CustomerRecord>> Customers =
    [
        new("Customer", "customer_id", (r, _) => r.CustomerId, r => r.CustomerId),
        new("Customer since", "customer_since", (r, c) => r.CustomerSince?.ToString("d", c.Culture) ?? None,
            r => Day(r.CustomerSince)),
        new("Cancelled on", "cancelled_on", (r, c) => r.CancelledOn?.ToString("d", c.Culture) ?? None,
            r => Day(r.CancelledOn)),
        new("Segment", "segment", (r, _) => r.Segment ?? None, r => r.Segment ?? ""),
    ];

    private static string Duration(double? seconds, RecordCulture c) =>
        seconds is { } s ? KpiDisplay.Duration(s, c.Culture) : None;

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>A page of records as the page shows them: headings, and per row the record's id and its cells.</summary>
public sealed record RecordTable(IReadOnlyList<string> Headings, IReadOnlyList<RecordRow> Rows)
{
    public static RecordTable Of<T>(
        IReadOnlyList<RecordColumn<T>> columns,
        IEnumerable<T> rows,
        RecordCulture culture) =>
        new([.. columns.Select(c => c.Heading)],
            [.. rows.Select(r => new RecordRow(columns[0].Csv(r),
                [.. columns.Select(c => new RecordCell(c.Show(r, culture), c.Link?.Invoke(r, culture)))]))]);
}

public sealed record RecordRow(string Id, IReadOnlyList<RecordCell> Cells);

/// <summary>A cell's text, and the address it links to (a ticket in the help desk), if any.</summary>
public sealed record RecordCell(string Text, string? Href);
