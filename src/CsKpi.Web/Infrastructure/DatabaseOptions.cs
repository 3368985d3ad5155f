using CsKpi.Core.Data;
using CsKpi.Core.Demo;

namespace CsKpi.Web.Infrastructure;

/// <summary>
/// The resolved connection string with the imports' time limits, for background work: CSV imports (COPY) and the
/// rollups' rebuilds.
/// </summary>
public sealed record DatabaseConnection(string ConnectionString);

/// <summary>Settings under "Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations at start-up (on by default: one container, one command).</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>Fill an empty database with demo data at start-up (the README's run command turns it on).</summary>
    public bool LoadDemoDataWhenEmpty { get; set; }
    public int DemoTickets { get; set; } = DemoData.DefaultTickets;

    // Limits on the server side of every connection (SessionLimits): pages and the API, then imports.
    public TimeSpan ReportStatementTimeout { get; set; } = SessionLimits.Reports.Statement;
    public TimeSpan ReportLockTimeout { get; set; } = SessionLimits.Reports.Lock;
    public TimeSpan ImportStatementTimeout { get; set; } = SessionLimits.Imports.Statement;
    public TimeSpan ImportLockTimeout { get; set; } = SessionLimits.Imports.Lock;
    public TimeSpan IdleInTransactionTimeout { get; set; } = SessionLimits.Reports.IdleInTransaction;
    /// <summary>How often a running statement checks that its client is still there (PostgreSQL 14+).</summary>
    public TimeSpan ClientCheckInterval { get; set; } = SessionLimits.Reports.ClientCheck;
    /// <summary>/healthz says Degraded once a session has waited this long for a lock on the app's tables.</summary>
    public TimeSpan HealthLockWait { get; set; } = TimeSpan.FromSeconds(5);

    public SessionLimits ReportLimits =>
        new(ReportStatementTimeout, ReportLockTimeout, IdleInTransactionTimeout, ClientCheckInterval);
    public SessionLimits ImportLimits =>
        new(ImportStatementTimeout, ImportLockTimeout, IdleInTransactionTimeout, ClientCheckInterval);

    public bool HasNoNegativeTime() =>
        new[]
        {
            ReportStatementTimeout, ReportLockTimeout, ImportStatementTimeout, ImportLockTimeout,
            IdleInTransactionTimeout, ClientCheckInterval, HealthLockWait,
        }.All(t => t >= TimeSpan.Zero);
}
