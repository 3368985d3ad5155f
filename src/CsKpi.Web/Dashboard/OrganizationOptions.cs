using System.ComponentModel.DataAnnotations;

namespace CsKpi.Web.Dashboard;

/// <summary>Settings under "Organization": the IANA time zone periods, buckets and "today" are in.</summary>
public sealed class OrganizationOptions
{
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo TimeZoneInfo => System.TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsKnownTimeZone() => System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}

/// <summary>Settings under "Dashboard".</summary>
public sealed class DashboardOptions
{
    /// <summary>How long the overview's numbers are kept per data version (0: not cached, for benchmarks).</summary>
    public int CacheMinutes { get; set; } = 10;

    /// <summary>How often the background refresh looks for writes from outside the app (psql, cskpi).</summary>
    [Range(1, 86_400)]
    public int RollupPollSeconds { get; set; } = 30;
}
