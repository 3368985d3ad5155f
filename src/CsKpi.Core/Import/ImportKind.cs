using NpgsqlTypes;

namespace CsKpi.Core.Import;

public enum ImportKind
{
    Agents,
    Customers,
    Tickets,
    Interactions,
    Surveys,
}

/// <summary>What a column holds: decides how a cell is parsed and its type in the staging table.</summary>
public enum ColumnType
{
    /// <summary>A source system id: text up to 64 characters.</summary>
    Id,
    Text,
    Timestamp,
    Date,
    Channel,
    SurveyKind,
    /// <summary>A ticket's priority: low, normal, high or urgent.</summary>
    Priority,
    Boolean,
    /// <summary>Non-negative seconds (decimals are rounded to whole seconds).</summary>
    Seconds,
    /// <summary>A whole number (a survey score; its scale is checked per survey kind).</summary>
    WholeNumber,
}

public sealed record ImportColumn(string Name, ColumnType Type, bool Required = false)
{
    public NpgsqlDbType StagingType => Type switch
    {
        ColumnType.Timestamp => NpgsqlDbType.TimestampTz,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        ColumnType.Seconds or ColumnType.WholeNumber => NpgsqlDbType.Integer,
        ColumnType.Id or ColumnType.Text or ColumnType.Channel or ColumnType.SurveyKind
            or ColumnType.Priority => NpgsqlDbType.Text,
    };

    /// <summary>The staging column's type; ids compare bytewise, like the source_id columns they are matched
    /// to.</summary>
    public string SqlType => StagingType switch
    {
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Date => "date",
        NpgsqlDbType.Boolean => "boolean",
        NpgsqlDbType.Integer => "integer",
        _ when Type == ColumnType.Id => "text COLLATE \"C\"",
        _ => "text",
    };
}

/// <summary>The canonical columns of each kind of file (csv-formats.md).</summary>
public static class ImportKinds
{
    public const string DimensionPrefix = "dim_";

    public static IReadOnlyList<ImportColumn> Columns(this ImportKind kind) => kind switch
    {
        ImportKind.Agents =>
        [
            new("agent_id", ColumnType.Id, Required: true),
            new("name", ColumnType.Text, Required: true),
            new("email", ColumnType.Text),
            new("team", ColumnType.Text),
        ],
        ImportKind.Customers =>
        [
            new("customer_id", ColumnType.Id, Required: true),
            new("customer_since", ColumnType.Date, Required: true),
            new("cancelled_on", ColumnType.Date),
            new("segment", ColumnType.Text),
        ],
        ImportKind.Tickets =>
        [
            new("ticket_id", ColumnType.Id, Required: true),
            new("created_at", ColumnType.Timestamp, Required: true),
            new("channel", ColumnType.Channel, Required: true),
            new("customer_id", ColumnType.Id),
            new("agent_id", ColumnType.Id),
            new("category", ColumnType.Text),
            new("first_response_at", ColumnType.Timestamp),
            new("resolved_at", ColumnType.Timestamp),
            new("reopened", ColumnType.Boolean),
            new("team", ColumnType.Text),
            new("priority", ColumnType.Priority),
        ],
        ImportKind.Interactions =>
        [
            new("interaction_id", ColumnType.Id, Required: true),
            new("ticket_id", ColumnType.Id, Required: true),
            new("agent_id", ColumnType.Id, Required: true),
            new("started_at", ColumnType.Timestamp, Required: true),
            new("talk_seconds", ColumnType.Seconds, Required: true),
            new("hold_seconds", ColumnType.Seconds),
            new("wrap_seconds", ColumnType.Seconds),
            new("channel", ColumnType.Channel),
        ],
        ImportKind.Surveys =>
        [
            new("response_id", ColumnType.Id, Required: true),
            new("survey", ColumnType.SurveyKind, Required: true),
            new("score", ColumnType.WholeNumber, Required: true),
            new("submitted_at", ColumnType.Timestamp, Required: true),
            new("ticket_id", ColumnType.Id),
            new("agent_id", ColumnType.Id),
            new("customer_id", ColumnType.Id),
            new("comment", ColumnType.Text),
        ],
    };

    public static string Code(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ImportKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind);

    /// <summary>Header names compare case-insensitively, with spaces, dashes and underscores alike.</summary>
    public static string NormalizeHeader(string header)
    {
        var chars = header.Trim().ToLowerInvariant().Select(c => c is ' ' or '-' ? '_' : c).ToArray();
        var text = new string(chars);
        while (text.Contains("__", StringComparison.Ordinal))
            text = text.Replace("__", "_", StringComparison.Ordinal);
        return text.Trim('_');
    }
}
