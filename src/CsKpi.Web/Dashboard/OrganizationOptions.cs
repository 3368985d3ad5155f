using System.ComponentModel.DataAnnotations;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// Settings under "Organization": the IANA time zone periods, buckets and "today" are in, and where a ticket id links.
/// </summary>
public sealed class OrganizationOptions
{
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Optional: the help desk's address of a ticket, <c>{id}</c> standing for its id
    /// (https://help.example.com/tickets/{id}); only http and https are accepted.
    /// </summary>
    public string? TicketUrl { get; set; }

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
