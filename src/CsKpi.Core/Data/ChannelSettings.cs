using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Data;

/// <summary>A channel that cannot be added or renamed, with the reason.</summary>
public sealed class ChannelException(string format, params object[] arguments)
    : TranslatableException(format, arguments);

/// <summary>
/// Adding channels to the organisation's list and renaming them (Admin → Channels). A channel is never removed:
/// tickets, interactions and targets keep its code.
/// </summary>
public sealed class ChannelSettings(KpiDbContext db)
{
    public const int MaxNameLength = 60;

    /// <summary>Adds a channel after the others; <paramref name="names"/> by language (en, it, pl, nl).</summary>
    public async Task<Channel> AddAsync(string code, IReadOnlyDictionary<string, string?> names,
        CancellationToken cancellationToken = default)
    {
        var channel = ParseCode(code);
        var checkedNames = CheckNames(names);
        if (await db.Channels.AnyAsync(c => c.Code == channel.Code(), cancellationToken))
            throw new ChannelException("The channel {0} is already in the list.", channel.Code());
        var position = await db.Channels.MaxAsync(c => (int?)c.Position, cancellationToken) ?? 0;
        var entry = new ListedChannel
        {
            Code = channel.Code(),
            NameEn = "",
            NameIt = "",
            NamePl = "",
            NameNl = "",
            Position = position + 1,
        };
        foreach (var (language, name) in checkedNames)
            entry.Rename(language, name);
        db.Channels.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
        })
        {
            db.Entry(entry).State = EntityState.Detached;
            throw new ChannelException("The channel {0} is already in the list.", channel.Code());
        }
        return channel;
    }

    /// <summary>Sets a listed channel's display names.</summary>
    public async Task RenameAsync(string code, IReadOnlyDictionary<string, string?> names,
        CancellationToken cancellationToken = default)
    {
        var checkedNames = CheckNames(names);
        var normalized = Channels.Normalize(code);
        var entry = await db.Channels.FirstOrDefaultAsync(c => c.Code == normalized, cancellationToken)
            ?? throw new ChannelException("Unknown channel '{0}'.", code);
        foreach (var (language, name) in checkedNames)
            entry.Rename(language, name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new channel's code, normalised (<c>Self-Service</c> → <c>self_service</c>).</summary>
    public static Channel ParseCode(string? code) =>
        Channels.TryParse(code, out var channel) ? channel
        : throw new ChannelException(
            "'{0}' cannot be a channel code: a letter, then letters, digits or underscores, at most {1} characters.",
            code ?? "", Channels.MaxCodeLength);

    /// <summary>A name in every language, trimmed, at most <see cref="MaxNameLength"/> characters.</summary>
    public static Dictionary<string, string> CheckNames(IReadOnlyDictionary<string, string?> names)
    {
        var result = new Dictionary<string, string>();
        foreach (var language in NamedInLanguages.Languages)
        {
            var name = names.TryGetValue(language, out var given) ? given?.Trim() : null;
            if (string.IsNullOrEmpty(name))
                throw new ChannelException("Give the channel a name in every language.");
            if (name.Length > MaxNameLength)
                throw new ChannelException("A channel name is at most {0} characters.", MaxNameLength);
            result[language] = name;
        }
        return result;
    }
}
