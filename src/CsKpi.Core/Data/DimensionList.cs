using System.Globalization;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Data;

/// <summary>
/// The survey dimensions with their display names, read once for a request: a dimension is named in the reader's
/// language when an admin set that name, else in English when set, else by its code made readable (speed → Speed).
/// </summary>
public sealed class DimensionList
{
    private readonly Dictionary<string, DimensionName> _named;

    public DimensionList(IEnumerable<DimensionName> named, IEnumerable<string> rated)
    {
        _named = named.ToDictionary(n => n.Dimension, StringComparer.Ordinal);
        Dimensions = [.. rated.Concat(_named.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every dimension rated in a response or named by an admin, by code.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>The name an admin set for the language, or null.</summary>
    public string? NameSet(string dimension, string language) =>
        _named.TryGetValue(dimension, out var entry) ? entry.Name(language) : null;

    /// <summary>The display name in a language (two-letter code).</summary>
    public string Name(string dimension, string language) =>
        NonEmpty(NameSet(dimension, language)) ?? NonEmpty(NameSet(dimension, "en")) ?? Readable(dimension);

    /// <summary>A code as words: underscores as spaces, the first letter capitalised (first_contact → First contact).
    /// </summary>
    public static string Readable(string dimension)
    {
        var words = dimension.Replace('_', ' ').Trim();
        return words.Length == 0 ? dimension
            : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }

    /// <summary>The named dimensions only: enough for a page that names what it already has.</summary>
    public static async Task<DimensionList> LoadAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.DimensionNames.AsNoTracking().ToListAsync(cancellationToken), []);

    /// <summary>The named dimensions and every rated one (a scan of the ratings: for the admin page).</summary>
    public static async Task<DimensionList> LoadAllAsync(
        KpiDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.DimensionNames.AsNoTracking().ToListAsync(cancellationToken),
            await db.DimensionRatings.Select(d => d.Dimension).Distinct().ToListAsync(cancellationToken));

    private static string? NonEmpty(string? name) => string.IsNullOrWhiteSpace(name) ? null : name;
}
