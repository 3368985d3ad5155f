using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Tests.Demo;

/// <summary>
/// Demo data ends at the moment it is loaded (nothing in the future), reaches back more than a year, and carries
/// survey comments in four languages whose tone fits their score.
/// </summary>
public class DemoHistoryTests
{
    // Mid-afternoon, so the load moment's own day is partly filled.
    private static readonly DateTimeOffset PinnedNow = new(2026, 12, 8, 14, 37, 12, 345, TimeSpan.Zero);
    private static readonly DemoOptions Small = new(Tickets: 3_000, Seed: 9);

    [Fact]
    public async Task Nothing_is_after_a_pinned_load_moment_and_the_last_day_is_filled_up_to_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null, new FixedClock(PinnedNow));

        (await FutureRowsAsync(database, PinnedNow)).Should().Be(0);
        var latest = await ScalarAsync<DateTime>(database, "SELECT max(created_at) FROM tickets");
        latest.Should().BeAfter(PinnedNow.UtcDateTime.AddHours(-6)).And.BeBefore(PinnedNow.UtcDateTime);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets WHERE resolved_at IS NULL " +
            "AND created_at > $1", PinnedNow.AddDays(-2))).Should().BeGreaterThan(0, "recent tickets are still open");
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets t WHERE interaction_count <> " +
            "(SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id)")).Should().Be(0);
    }

    [Fact]
    public async Task Nothing_is_after_the_real_load_moment()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null);
        var now = DateTimeOffset.UtcNow;

        (await FutureRowsAsync(database, now)).Should().Be(0);
        (await ScalarAsync<DateTime>(database, "SELECT max(created_at) FROM tickets")).Should()
            .BeAfter(now.UtcDateTime.AddDays(-2));
    }

    [Fact]
    public async Task History_reaches_back_13_months_so_a_year_earlier_has_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null, new FixedClock(PinnedNow));

        var earliest = await ScalarAsync<DateTime>(database, "SELECT min(created_at) FROM tickets");
        earliest.Should().BeOnOrBefore(PinnedNow.UtcDateTime.AddMonths(-13));
        // The default period (the last 28 days) a year earlier.
        (await ScalarAsync<long>(database, "SELECT count(*) FROM survey_responses WHERE kind = 'csat' " +
            "AND submitted_at >= $1 - interval '1 year 28 days' AND submitted_at < $1 - interval '1 year'",
            PinnedNow)).Should().BeGreaterThan(5);
    }

    [Fact]
    public async Task Same_seed_and_load_moment_give_the_same_data_comments_included()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();
        var options = Small with { Tickets = 1_000 };
        await DemoData.LoadAsync(first.ConnectionString, options, progress: null, new FixedClock(PinnedNow));
        await DemoData.LoadAsync(second.ConnectionString, options, progress: null, new FixedClock(PinnedNow));

        const string digest = """
            SELECT md5((SELECT string_agg(concat_ws('|', source_id, created_at, first_response_at, resolved_at,
                                                    interaction_count), ',' ORDER BY id) FROM tickets)
                    || (SELECT string_agg(concat_ws('|', source_id, ticket_id, started_at, talk_seconds), ','
                                          ORDER BY id) FROM interactions)
                    || (SELECT string_agg(concat_ws('|', source_id, kind, score, submitted_at, comment), ','
                                          ORDER BY id) FROM survey_responses))
            """;
        (await ScalarAsync<string>(first, digest)).Should().Be(await ScalarAsync<string>(second, digest));
    }

    [Fact]
    public async Task Comments_come_in_four_languages_in_the_tone_of_their_score_and_not_from_everyone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null, new FixedClock(PinnedNow));
        await using var db = database.CreateContext();

        var responses = await db.SurveyResponses.Select(r => new { r.Kind, r.Score, r.Comment }).ToListAsync();
        var commented = responses.Where(r => r.Comment is not null).ToList();

        commented.Should().AllSatisfy(r =>
        {
            var found = DemoComments.Find(r.Comment!);
            found.Should().NotBeNull(r.Comment);
            found!.Value.Tone.Should().Be(DemoComments.ToneOf(r.Kind, r.Score),
                $"'{r.Comment}' was written with {r.Kind} {r.Score}");
        });
        commented.Select(r => DemoComments.Find(r.Comment!)!.Value.Language).Distinct()
            .Should().BeEquivalentTo(["en", "it", "pl", "nl"]);
        commented.Select(r => r.Kind).Distinct().Should().BeEquivalentTo(SurveyKinds.All);
        foreach (var kind in SurveyKinds.All)
            responses.Should().Contain(r => r.Kind == kind && r.Comment == null, $"some {kind} answers say nothing");
        foreach (var tone in Enum.GetValues<CommentTone>())
            commented.Should().Contain(r => DemoComments.Find(r.Comment!)!.Value.Tone == tone);
    }

    /// <summary>Rows dated after <paramref name="now"/>: timestamps, and customer dates after its day.</summary>
    private static Task<long> FutureRowsAsync(TestDatabase database, DateTimeOffset now) =>
        ScalarAsync<long>(database, """
            SELECT (SELECT count(*) FROM tickets WHERE created_at > $1 OR first_response_at > $1 OR resolved_at > $1)
                 + (SELECT count(*) FROM interactions WHERE started_at > $1)
                 + (SELECT count(*) FROM survey_responses WHERE submitted_at > $1)
                 + (SELECT count(*) FROM customers
                    WHERE customer_since > ($1 AT TIME ZONE 'UTC')::date
                       OR cancelled_on > ($1 AT TIME ZONE 'UTC')::date)
            """, now);

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql, DateTimeOffset? parameter = null)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is { } value)
            command.Parameters.Add(new NpgsqlParameter { Value = value.UtcDateTime });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
