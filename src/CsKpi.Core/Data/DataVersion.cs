using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Data;

/// <summary>
/// The data's version: a number every write to the KPI tables moves forward (triggers of the DataVersion
/// migration). Cached results keyed on it are never stale: the next request after an import sees a new version.
/// </summary>
public static class DataVersion
{
    public static Task<long> CurrentAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.SqlQueryRaw<long>("SELECT version AS \"Value\" FROM data_version WHERE id = 1")
            .SingleAsync(cancellationToken);
}
