using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Data;

/// <summary>A dimension name that cannot be saved, with the reason.</summary>
public sealed class DimensionException(string format, params object[] arguments)
    : TranslatableException(format, arguments);

/// <summary>Naming survey dimensions (Admin → Dimensions): a name per language, each optional.</summary>
public sealed class DimensionSettings(KpiDbContext db)
{
    public const int MaxNameLength = 60;
    public const int MaxCodeLength = 64;

    /// <summary>Sets a dimension's names; an empty name falls back to English, then to the readable code.</summary>
    public async Task RenameAsync(string dimension, IReadOnlyDictionary<string, string?> names,
        CancellationToken cancellationToken = default)
    {
        var code = dimension.Trim();
        if (code.Length is 0 or > MaxCodeLength)
            throw new DimensionException("Unknown dimension '{0}'.", dimension);
        var entry = await db.DimensionNames.FirstOrDefaultAsync(d => d.Dimension == code, cancellationToken);
        if (entry is null)
        {
            entry = new DimensionName { Dimension = code };
            db.DimensionNames.Add(entry);
        }
        foreach (var language in NamedInLanguages.Languages)
        {
            var name = names.TryGetValue(language, out var given) ? given?.Trim() : null;
            if (name is { Length: > MaxNameLength })
                throw new DimensionException("A dimension name is at most {0} characters.", MaxNameLength);
            entry.Rename(language, string.IsNullOrEmpty(name) ? null : name);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
