using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Data;

/// <summary>
/// The organisation's channels in their order, read once for a request or an import: every place that lists channels
/// (filters, charts, breakdowns, targets) lists these, and input is checked against them.
/// </summary>
public sealed class ChannelList
{
    private readonly Dictionary<string, ListedChannel> _byCode;

    public ChannelList(IEnumerable<ListedChannel> entries)
    {
        Entries = entries.OrderBy(e => e.Position).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        _byCode = Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
        All = Entries.Select(e => Channels.TryParse(e.Code, out var c) ? c : Channel.FromCode(e.Code)).ToList();
    }

    public IReadOnlyList<ListedChannel> Entries { get; }

    /// <summary>The channels, in the list's order.</summary>
    public IReadOnlyList<Channel> All { get; }

    public IReadOnlyList<string> Codes => Entries.Select(e => e.Code).ToList();

    public bool Contains(Channel channel) => _byCode.ContainsKey(channel.Code());

    /// <summary>The channel's display name in a language (two-letter code); its code when it is not listed.</summary>
    public string Name(Channel channel, string language) =>
        _byCode.TryGetValue(channel.Code(), out var entry) ? entry.Name(language) ?? "" : channel.Code();

    /// <summary>The listed channel written as <paramref name="text"/> (normalised), or null.</summary>
    public Channel? Find(string? text) =>
        Channels.TryParse(text, out var channel) && Contains(channel) ? channel : null;

    public static async Task<ChannelList> LoadAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.Channels.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The codes alone, in order, on an open connection (an import's transaction).</summary>
    public static async Task<List<string>> CodesAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT code FROM channels ORDER BY position, code", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var codes = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            codes.Add(reader.GetString(0));
        return codes;
    }
}
