using CsKpi.Core.Data;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Tests.Data;

public class RetryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_reader_blocked_by_a_lock_fails_once_at_its_lock_timeout_instead_of_retrying()
    {
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE", holder,
            transaction))
            await lockTable.ExecuteNonQueryAsync();

        var limits = new SessionLimits(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, TimeSpan.Zero);
        await using var db = Database.CreateContext(limits.Apply(database.ConnectionString));
        var read = () => db.Tickets.CountAsync();

        // Retried, it would end as RetryLimitExceededException after seven lock waits and back-offs.
        (await read.Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
    }

    [Fact]
    public async Task A_dropped_connection_is_still_retried()
    {
        await using var db = Database.CreateContext(database.ConnectionString);
        (await db.Tickets.CountAsync()).Should().Be(0);
        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            // Ends every other session of this database: the context's pooled connection is now dead.
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
                "WHERE datname = current_database() AND pid <> pg_backend_pid()",
                admin);
            await kill.ExecuteNonQueryAsync();
        }

        (await db.Tickets.CountAsync()).Should().Be(0);
    }
}
