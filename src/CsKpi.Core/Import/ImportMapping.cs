using System.Text.Json;
using System.Text.Json.Serialization;

namespace CsKpi.Core.Import;

/// <summary>
/// How an export from another tool (a help desk, a call system, a survey tool) becomes our records: which of its
/// columns feed each canonical column, for one or several kinds (a ticket row with its satisfaction rating gives a
/// ticket and a csat response), how its values translate (<c>Inbound</c> → phone), how it writes dates, and whether
/// agents are named rather than given by id. Saved under a name, it makes the monthly upload one click.
/// </summary>
public sealed record ImportMapping
{
    /// <summary>The name it is saved under, in a document moved between databases (<see cref="MappingDocument"/>);
    /// no part of how a file is read.</summary>
    public string? Name { get; init; }

    /// <summary>The headers of the file it was made for, in a document: a file with other columns is not imported
    /// through it unseen (<see cref="MappingFit"/>).</summary>
    public IReadOnlyList<string>? Headers { get; init; }

    /// <summary>The kinds each row feeds; the first is the file's own: every row is one of those.</summary>
    public required IReadOnlyList<MappedKind> Kinds { get; init; }

    /// <summary>How dates are written when not in ISO 8601 (decided from the values; the admin settles
    /// day/month).</summary>
    public DateForm Dates { get; init; } = DateForm.Iso;

    /// <summary>Agent columns hold agents' names: each is found by name (or id).</summary>
    public bool AgentsByName { get; init; }

    /// <summary>With <see cref="AgentsByName"/>: an agent not found is created (its id is the name), else it is an
    /// error.</summary>
    public bool CreateAgents { get; init; }

    /// <summary>The column naming a created agent's team (a team or supervisor column); teams are created on first
    /// use.</summary>
    public string? TeamHeader { get; init; }

    /// <summary>Channels the value translations point at that the organisation's list may not have yet
    /// (csv-formats.md): added to it with the import's commit, never by a failed import.</summary>
    public IReadOnlyList<NewChannel>? NewChannels { get; init; }

    /// <summary>The files' encoding when the admin chose one (<see cref="FileEncodings.Code"/>, e.g.
    /// <c>windows-1252</c>); null: detected from each file's bytes.</summary>
    public string? Encoding { get; init; }

    [JsonIgnore]
    public ImportKind Kind => Kinds[0].Kind;

    /// <summary>Rows right under the header that describe the columns, not records (<see cref="DescriptiveRows"/>):
    /// skipped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int SkipRows { get; init; }

    /// <summary>The encoding the mapping names, when it names one we read.</summary>
    [JsonIgnore]
    public FileEncoding? ChosenEncoding => FileEncodings.TryParse(Encoding, out var chosen) ? chosen : null;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportMapping FromJson(string json) =>
        JsonSerializer.Deserialize<ImportMapping>(json, Json) ?? throw new JsonException("empty mapping");
}

/// <summary>One kind fed by the file, and where each of its canonical columns comes from.</summary>
public sealed record MappedKind(ImportKind Kind, IReadOnlyDictionary<string, ColumnSource> Columns)
{
    public ColumnSource? Source(string column) => Columns.TryGetValue(column, out var source)
        && !source.IsEmpty ? source : null;
}

/// <summary>Where a canonical column's value comes from: a column of the file, or the same value on every row; then
/// translated.</summary>
public sealed record ColumnSource
{
    /// <summary>The file's column (its header, compared like canonical headers).</summary>
    public string? Header { get; init; }

    /// <summary>A fixed value for every row (e.g. the survey kind <c>csat</c> of a satisfaction column).</summary>
    public string? Value { get; init; }

    /// <summary>The file's values → ours (case-insensitive), e.g. <c>Inbound</c> → <c>phone</c>; values not listed pass
    /// unchanged.</summary>
    public IReadOnlyDictionary<string, string>? Values { get; init; }

    /// <summary>The file's column is a duration after created_at in this unit (first response, resolution); null: a
    /// timestamp.</summary>
    public DurationUnit? Unit { get; init; }

    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Header) && string.IsNullOrWhiteSpace(Value);
}

/// <summary>A channel a mapping adds: its code, and its display name (every language, until an admin renames it).
/// </summary>
public sealed record NewChannel(string Code, string Name);
