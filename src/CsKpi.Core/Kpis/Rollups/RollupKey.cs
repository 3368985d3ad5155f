namespace CsKpi.Core.Kpis.Rollups;

/// <summary>How the rows of a rollup read are grouped: one total, trend buckets, or a dimension.</summary>
internal enum RollupKey
{
    Total,
    Day,
    Week,
    Month,
    Team,
    Channel,
    Category,
}
