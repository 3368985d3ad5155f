using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>Staged rows are written in COPY's binary format by hand: every kind of cell must arrive as the file
/// says.</summary>
public class StagingCopyTests
{
    [Fact]
    public async Task Every_kind_of_cell_reaches_its_table_as_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents,
            "agent_id,name,email,team\nA1,Zoë Ångström – 東京,z@example.com,Ω team\nA2,Bo,,\n");
        await ImportAsync(database, ImportKind.Customers,
            "customer_id,customer_since,cancelled_on,segment\n" +
            "C1,2019-12-31,2026-02-28,\"Gold, \"\"EU\"\"\"\nC2,1999-01-01,,\nC3,0001-01-01,9999-12-31,x\n");
        await ImportAsync(database, ImportKind.Tickets, """
            ticket_id,created_at,channel,customer_id,agent_id,category,first_response_at,resolved_at,reopened
            T1,2026-03-01T09:15:00.1234567+01:00,In-Person,C1,A1,Complaint,2026-03-01T08:20:00Z,,yes
            T2,1999-12-31T23:59:59.999999Z,chat,,,,,1999-12-31T23:59:59.999999Z,
            """);
        await ImportAsync(database, ImportKind.Interactions,
            "interaction_id,ticket_id,agent_id,started_at,talk_seconds,hold_seconds,wrap_seconds,channel\n" +
            "I1,T1,A2,2026-03-01T10:00:00Z,2147483647,0,12.5,\n");
        await ImportAsync(database, ImportKind.Surveys,
            "response_id,survey,score,submitted_at,ticket_id,comment,dim_speed,dim_tone\n" +
            "R1,nps,0,2026-03-02T10:00:00Z,T1,\"multi\nline\",5,\nR2,ces,7,2026-03-02T10:00:00Z,,,,\n");

        (await ScalarAsync<string>(database, "SELECT string_agg(concat_ws('|', a.source_id, a.name, a.email, " +
            "t.name), ';' ORDER BY a.source_id) FROM agents a LEFT JOIN teams t ON t.id = a.team_id"))
            .Should().Be("A1|Zoë Ångström – 東京|z@example.com|Ω team;A2|Bo");
        (await ScalarAsync<string>(database, "SELECT string_agg(concat_ws('|', source_id, customer_since, " +
            "cancelled_on, segment), ';' ORDER BY source_id) FROM customers"))
            .Should().Be("C1|2019-12-31|2026-02-28|Gold, \"EU\";C2|1999-01-01;C3|-infinity|infinity|x");
        (await ScalarAsync<string>(database, """
            SET TIME ZONE 'UTC';
            SELECT string_agg(concat_ws('|', source_id, created_at, channel, category, first_response_at, resolved_at,
                                        reopened, interaction_count), ';' ORDER BY source_id) FROM tickets
            """)).Should().Be("T1|2026-03-01 08:15:00.123456+00|in_person|Complaint|2026-03-01 08:20:00+00|t|1;" +
                "T2|1999-12-31 23:59:59.999999+00|chat|1999-12-31 23:59:59.999999+00|f|0");
        (await ScalarAsync<string>(database,
            "SELECT concat_ws('|', talk_seconds, hold_seconds, wrap_seconds, channel) FROM interactions"))
            .Should().Be("2147483647|0|13|in_person");
        (await ScalarAsync<string>(database, """
            SELECT string_agg(concat_ws('|', r.source_id, r.kind, r.score, r.comment,
                                        (SELECT string_agg(d.dimension || '=' || d.rating, ',') FROM dimension_ratings d
                                         WHERE d.survey_response_id = r.id)), ';' ORDER BY r.source_id)
            FROM survey_responses r
            """)).Should().Be("R1|nps|0|multi\nline|speed=5;R2|ces|7");
    }
}
