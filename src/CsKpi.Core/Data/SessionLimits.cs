using System.Globalization;
using Npgsql;

namespace CsKpi.Core.Data;

/// <summary>
/// How long a session's statements may run and wait, set on the server for every connection of a connection string
/// (Npgsql's <c>Options=-c …</c>), so no work outlives its client: a statement or lock wait past its limit is
/// cancelled, an abandoned transaction is rolled back, and a client that died (kill -9) is noticed while its
/// statement still runs — PostgreSQL otherwise notices only when it next writes to the socket. Zero means no limit.
/// </summary>
public sealed record SessionLimits(TimeSpan Statement, TimeSpan Lock, TimeSpan IdleInTransaction, TimeSpan ClientCheck)
{
    /// <summary>Dashboard pages and the API: a report answers in half a minute or is not worth waiting for.</summary>
    public static readonly SessionLimits Reports =
        new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

    /// <summary>Imports: one statement may load millions of rows.</summary>
    public static readonly SessionLimits Imports =
        new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

    /// <summary>Migrations, demo data, one-off commands: no time limit, but a dead client's work still ends.</summary>
    public static readonly SessionLimits Unbounded =
        new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

    /// <summary>
    /// The connection string with these limits. Settings already in its Options stay; ours come after them, and
    /// PostgreSQL takes the last of a repeated setting, so limits applied twice end as the second.
    /// </summary>
    public string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var settings = new (string Name, TimeSpan Value)[]
        {
            ("statement_timeout", Statement), ("lock_timeout", Lock),
            ("idle_in_transaction_session_timeout", IdleInTransaction),
            ("client_connection_check_interval", ClientCheck), // PostgreSQL 14 and later
        };
        var options = settings.Select(s => $"-c {s.Name}={Milliseconds(s.Value)}")
            // A client whose host vanished sends no FIN: keepalive probes find it within about two minutes (TCP only).
            .Concat(["-c tcp_keepalives_idle=60", "-c tcp_keepalives_interval=10", "-c tcp_keepalives_count=6"]);
        builder.Options = string.Join(' ', options.Prepend(builder.Options).Where(o => !string.IsNullOrEmpty(o)));
        return builder.ConnectionString;
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
