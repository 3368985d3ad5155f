using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>
/// The channels an import accepts: the organisation's list, read in the import's transaction, and the new channels
/// its mapping adds (csv-formats.md "Exports from other tools"), which are written to the list with the import's
/// commit — a failed, cancelled or dry run adds none.
/// </summary>
internal sealed class MappedChannels
{
    private readonly List<NewChannel> _added;

    private MappedChannels(List<string> codes, List<NewChannel> added)
    {
        Codes = codes;
        _added = added;
    }

    /// <summary>The listed codes, then the ones this import adds.</summary>
    public IReadOnlyList<string> Codes { get; }

    public static async Task<MappedChannels> ReadAsync(NpgsqlConnection connection, ImportMapping mapping,
        ImportErrors errors, CancellationToken cancellationToken)
    {
        var codes = await ChannelList.CodesAsync(connection, cancellationToken);
        var added = new List<NewChannel>();
        foreach (var proposed in mapping.NewChannels ?? [])
        {
            if (!Channels.TryParse(proposed.Code, out var channel))
            {
                errors.Add(1, "channel", proposed.Code,
                    "not a channel code: a letter, then letters, digits or underscores, at most 16 characters");
                continue;
            }
            var name = proposed.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > ChannelSettings.MaxNameLength)
            {
                errors.Add(1, "channel", proposed.Code, "a new channel needs a name of at most 60 characters");
                continue;
            }
            if (codes.Contains(channel.Code()))
                continue; // listed already (an earlier import of the same mapping added it)
            codes.Add(channel.Code());
            added.Add(new NewChannel(channel.Code(), name));
        }
        return new MappedChannels(codes, added);
    }

    /// <summary>Writes the new channels after the listed ones, in the import's transaction.</summary>
    public async Task AddAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_added.Count == 0)
            return;
        await using var command = new NpgsqlCommand("""
            INSERT INTO channels (code, name_en, name_it, name_pl, name_nl, position)
            SELECT n.code, n.name, n.name, n.name, n.name,
                   coalesce((SELECT max(position) FROM channels), 0) + n.ord::int
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(code, name, ord)
            ON CONFLICT (code) DO NOTHING
            """, connection)
        {
            Parameters =
            {
                new() { Value = _added.Select(c => c.Code).ToArray() },
                new() { Value = _added.Select(c => c.Name).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
