using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Import;

/// <summary>Import mappings saved under a name: the upload page saves and offers them, <c>cskpi import --mapping
/// NAME</c> runs them.</summary>
public sealed class MappingStore(KpiDbContext db)
{
    /// <summary>Saves (or replaces) the mapping under its name.</summary>
    public async Task SaveAsync(string name, ImportMapping mapping, IReadOnlyList<string> headers, string userName,
        CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new ArgumentException("A mapping's name has 1 to 100 characters.", nameof(name));
        var saved = await db.SavedMappings.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (saved is null)
        {
            saved = new SavedMapping { Name = name, Headers = [], Definition = "", UpdatedBy = userName };
            db.SavedMappings.Add(saved);
        }
        saved.Headers = [.. headers.Select(h => h.Trim())];
        // The name and headers are the row's own columns: a document's copies are not kept twice.
        saved.Definition = (mapping with { Name = null, Headers = null }).ToJson();
        saved.UpdatedBy = userName;
        saved.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ImportMapping?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        await db.SavedMappings.AsNoTracking().Where(m => m.Name == name.Trim()).Select(m =>
            m.Definition).SingleOrDefaultAsync(cancellationToken) is { } json
            ? ImportMapping.FromJson(json) : null;

    /// <summary>The saved mapping as a document to move to another database: with its name and headers.</summary>
    public async Task<ImportMapping?> ExportAsync(string name, CancellationToken cancellationToken = default) =>
        await GetAsync(name, cancellationToken) is { } saved
            ? ImportMapping.FromJson(saved.Definition) with { Name = saved.Name, Headers = saved.Headers }
            : null;

    /// <summary>The saved mapping with its headers, to see how it fits a file (<see cref="MappingFit"/>).</summary>
    public Task<SavedMapping?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        db.SavedMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Name == name.Trim(), cancellationToken);

    public Task<List<SavedMapping>> ListAsync(CancellationToken cancellationToken = default) =>
        db.SavedMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);

    /// <summary>The saved mappings whose file had the same set of columns as this one (compared like headers, in any
    /// order), most recent first: a file with more or fewer columns is another export.</summary>
    public async Task<List<SavedMapping>> MatchingAsync(IReadOnlyList<string> headers,
        CancellationToken cancellationToken = default)
    {
        var present = headers.Select(ImportKinds.NormalizeHeader).ToHashSet();
        var all = await db.SavedMappings.AsNoTracking().OrderByDescending(m =>
            m.UpdatedAt).ToListAsync(cancellationToken);
        return all.Where(m => m.Headers.Select(ImportKinds.NormalizeHeader).ToHashSet().SetEquals(present)).ToList();
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        await db.SavedMappings.Where(m => m.Name == name.Trim()).ExecuteDeleteAsync(cancellationToken) > 0;
}
