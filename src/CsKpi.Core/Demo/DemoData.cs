using CsKpi.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace CsKpi.Core.Demo;

/// <param name="Tickets">How many tickets; interactions, surveys and customers scale with it.</param>
/// <param name="Seed">Same seed and same load moment give the same data.</param>
/// <param name="Until">
/// Pins the load moment to this day's start (UTC) when that is earlier than the clock's now; default: the clock's now.
/// Nothing is created, answered, resolved or submitted after the load moment.
/// </param>
/// <param name="Days">Whole days of history before the load moment's day.</param>
/// <param name="InteractionsPerTicket">Average contacts per ticket (about 1.4 by nature; benchmarks ask for 2).</param>
/// <param name="SurveysPerTicket">
/// Average survey responses per ticket (about 0.5 by nature; benchmarks ask for 0.6).
/// </param>
public sealed record DemoOptions(int Tickets = DemoData.DefaultTickets, int Seed = 42, DateOnly? Until = null,
    int Days = DemoData.DefaultDays, double? InteractionsPerTicket = null, double? SurveysPerTicket = null);

public readonly record struct DemoProgress(string Stage, long Done, long Total);

/// <summary>
/// Realistic, deterministic demo data: weekly seasonality, agents of different skill, a channel mix, survey scores
/// that depend on response time, contacts and the rated dimensions, survey comments in four languages, and customers
/// who churn, over the days up to the load moment and nothing after it. Loaded with binary COPY into an empty
/// database.
/// </summary>
public static class DemoData
{
    /// <summary>About 110 tickets a day over <see cref="DefaultDays"/>.</summary>
    public const int DefaultTickets = 50_000;

    /// <summary>
    /// 15 months: the last 90 days and the last full month can be compared with the same period a year earlier.
    /// </summary>
    public const int DefaultDays = 456;

    private static readonly string[] TeamNames = ["Billing", "Technical", "Orders", "Onboarding"];
    private static readonly (Channel Channel, double Share, double TalkSeconds, double FirstResponseMinutes)[]
        ChannelMix =
    [
        (Channel.Email, 0.35, 240, 300),
        (Channel.Phone, 0.30, 330, 2),
        (Channel.Chat, 0.22, 420, 3),
        (Channel.Social, 0.08, 150, 120),
        (Channel.InPerson, 0.05, 600, 10),
    ];
    private static readonly (string Category, double Share)[] Categories =
    [
        ("question", 0.38), ("billing", 0.16), ("technical", 0.20), ("complaint", 0.08), ("return", 0.08),
        ("order", 0.10),
    ];
    // Sunday first, as DayOfWeek.
    private static readonly double[] WeekdayWeight = [0.35, 1.3, 1.2, 1.1, 1.0, 0.9, 0.45];
    private static readonly string[] Dimensions = ["speed", "friendliness", "knowledge", "resolution"];

    /// <param name="clock">The load moment's source (default: the system clock); tests pin it.</param>
    public static async Task LoadAsync(string connectionString, DemoOptions options, IProgress<DemoProgress>? progress,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Tickets);
        var random = new Random(options.Seed);
        var now = LoadMoment(options, clock ?? TimeProvider.System);
        // `until`: the load moment's day, the last (partial) day of history.
        var until = DateOnly.FromDateTime(now);
        var start = until.AddDays(-options.Days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Loading a million tickets takes longer than a default command timeout.
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Emptied in this transaction, the tables accept COPY … FREEZE: rows land frozen and all-visible, so reports
        // get index-only scans at once instead of after a later VACUUM. (The database is empty: callers check.)
        await using (var truncate = new NpgsqlCommand(
            "TRUNCATE dimension_ratings, survey_responses, interactions, tickets, customers, agents, teams CASCADE",
            connection))
            await truncate.ExecuteNonQueryAsync(cancellationToken);

        // Teams and agents: skill 0.6 (new) … 1.4 (senior) drives handle time, first-contact resolution and scores.
        var agentCount = Math.Clamp(options.Tickets / 800, 8, 400);
        var skills = new double[agentCount + 1];
        await using (var teams = await connection.BeginBinaryImportAsync(
            "COPY teams (id, name, is_demo) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken))
        {
            for (var t = 0; t < TeamNames.Length; t++)
                await teams.WriteRowAsync(cancellationToken, t + 1, TeamNames[t], true);
            await teams.CompleteAsync(cancellationToken);
        }
        await using (var agents = await connection.BeginBinaryImportAsync(
            "COPY agents (id, source_id, name, email, team_id, is_demo) FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken))
        {
            for (var a = 1; a <= agentCount; a++)
            {
                skills[a] = 0.6 + (0.8 * random.NextDouble());
                var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
                await agents.WriteRowAsync(cancellationToken, a, $"A{a:000}", name, $"agent{a:000}@demo.cskpi.local",
                    (a % TeamNames.Length) + 1, true);
            }
            await agents.CompleteAsync(cancellationToken);
        }

        // Customers: joined over the three years before `until` (not on it: dates are never after now); about 1.5%
        // cancel per month.
        var customerCount = Math.Max(10, options.Tickets / 4);
        await using (var customers = await connection.BeginBinaryImportAsync(
            "COPY customers (id, source_id, customer_since, cancelled_on, segment, is_demo) "
            + "FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken))
        {
            for (var c = 1; c <= customerCount; c++)
            {
                var since = until.AddDays(-random.Next(1, 3 * 365));
                var monthsAsCustomer = (until.DayNumber - since.DayNumber) / 30.0;
                DateOnly? cancelled = random.NextDouble() < 1 - Math.Pow(0.985, monthsAsCustomer)
                    ? since.AddDays(random.Next(1, until.DayNumber - since.DayNumber)) : null;
                await customers.StartRowAsync(cancellationToken);
                await customers.WriteAsync(c, cancellationToken);
                await customers.WriteAsync($"C{c:000000}", cancellationToken);
                await customers.WriteAsync(since, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(customers, cancelled, NpgsqlDbType.Date, cancellationToken);
                await customers.WriteAsync(random.NextDouble() < 0.3 ? "business" : "consumer", cancellationToken);
                await customers.WriteAsync(true, cancellationToken);
            }
            await customers.CompleteAsync(cancellationToken);
        }

        // Tickets, their interactions and surveys, written side by side through three COPY streams would need three
        // connections; instead tickets are generated twice from the same seeded sequence: cheap and deterministic.
        var plan = PlanTickets(options, start, now, agentCount, customerCount, skills);
        CountInteractionsBefore(now, plan, skills, options.Seed);
        await WriteTicketsAsync(connection, plan, progress, cancellationToken);
        await WriteInteractionsAsync(connection, plan, skills, options.Seed, now, cancellationToken);
        await WriteSurveysAsync(connection, plan, skills, agentCount, start, now, options.Seed,
            options.SurveysPerTicket, cancellationToken);

        // Targets, so the dashboard shows target status: company-wide, one team's, and a target talk time per channel.
        await using (var targets = new NpgsqlCommand(DemoTargetsSql, connection, transaction))
            await targets.ExecuteNonQueryAsync(cancellationToken);

        foreach (var table in new[] { "teams", "agents", "customers", "tickets", "interactions", "survey_responses" })
        {
            await using var sequence = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(1, (SELECT max(id) FROM {table})))",
                connection, transaction);
            await sequence.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        // VACUUM sets the visibility map, so reports use index-only scans from the first query on.
        await using var analyze = new NpgsqlCommand(
            "VACUUM (ANALYZE) teams, agents, customers, tickets, interactions, survey_responses, dimension_ratings",
            connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string DemoTargetsSql = """
        INSERT INTO targets (kpi_key, team_id, channel, value) VALUES
          ('csat', NULL, NULL, 75), ('nps', NULL, NULL, 10), ('ces', NULL, NULL, 3.5), ('fcr', NULL, NULL, 75),
          ('aht', NULL, NULL, 450), ('first_response_median', NULL, NULL, 600),
          ('resolution_median', NULL, NULL, 21600),
          ('reopen_rate', NULL, NULL, 5), ('repeat_contact_rate', NULL, NULL, 15), ('churn', NULL, NULL, 1.5),
          ('csat', 1, NULL, 70),
          ('time_with_customer_avg', NULL, 'phone', 330), ('time_with_customer_avg', NULL, 'email', 240),
          ('time_with_customer_avg', NULL, 'chat', 420), ('time_with_customer_avg', NULL, 'social', 150),
          ('time_with_customer_avg', NULL, 'in_person', 600)
        """;

    /// <summary>
    /// The moment the data is loaded, to the microsecond (PostgreSQL's precision): the clock's now, or the start of
    /// <see cref="DemoOptions.Until"/> when that is earlier.
    /// </summary>
    private static DateTime LoadMoment(DemoOptions options, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        var pinned = options.Until?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return pinned < now ? pinned.Value : now;
    }

    /// <param name="ContactsFrom">When the first contact starts: the planned first response, else the creation.</param>
    /// <param name="PlannedInteractions">Contacts planned, some perhaps after the load moment.</param>
    private sealed record PlannedTicket(long Id, DateTime CreatedAt, Channel Channel, int CustomerId, int AgentId,
        string Category, DateTime? FirstResponseAt, DateTime? ResolvedAt, bool Reopened, DateTime ContactsFrom,
        int PlannedInteractions)
    {
        /// <summary>The planned contacts that started before the load moment: those written.</summary>
        public int Interactions { get; set; }
        public bool RepeatContact { get; set; }
    }

    private static List<PlannedTicket> PlanTickets(DemoOptions options, DateTime start, DateTime now, int agentCount,
        int customerCount, double[] skills)
    {
        var random = new Random(options.Seed * 7919);
        // Spread tickets over days by weekday weight, then over working hours (07:00–19:00). The load moment's day
        // counts for the share of its working hours already past.
        var today = now.Date;
        var todayShare = Math.Clamp((now.TimeOfDay.TotalHours - 7) / 12, 0, 1);
        var days = Enumerable.Range(0, (int)(today - start).TotalDays + (todayShare > 0 ? 1 : 0))
            .Select(d => start.AddDays(d)).ToArray();
        var weights = days.Select(d => WeekdayWeight[(int)d.DayOfWeek] * (d < today ? 1 : todayShare)).ToArray();
        var totalWeight = weights.Sum();
        var tickets = new List<PlannedTicket>(options.Tickets);
        // About 76% of tickets take one contact and 3% none; the rest take enough to reach the asked average.
        var multiContactMean = options.InteractionsPerTicket is { } perTicket ? Math.Max(2, (perTicket - 0.76) / 0.21)
            : 2.5;
        long id = 0;
        for (var d = 0; d < days.Length && id < options.Tickets; d++)
        {
            var count = d == days.Length - 1 ? options.Tickets - (int)id
                : (int)Math.Round(options.Tickets * weights[d] / totalWeight);
            for (var i = 0; i < count && id < options.Tickets; i++)
            {
                var created = days[d].AddHours(7 + (11 * Beta(random))).AddSeconds(random.Next(3600));
                if (created >= now)
                    created = today.AddHours(7) + ((now - today.AddHours(7)) * random.NextDouble());
                var (channel, _, _, firstResponseMinutes) = Pick(random, ChannelMix, c => c.Share);
                var agent = 1 + random.Next(agentCount);
                var skill = skills[agent];
                var category = Pick(random, Categories, c => c.Share).Category;
                DateTime? firstResponse = random.NextDouble() < 0.97
                    ? created.AddMinutes(LogNormal(random, firstResponseMinutes / skill, 0.8)) : null;
                var resolved = firstResponse is not null && random.NextDouble() < 0.9
                    ? firstResponse.Value.AddMinutes(LogNormal(random, 240 / skill, 1.0)) : (DateTime?)null;
                var interactions = random.NextDouble() < 0.45 + (0.35 * skill) - (category == "complaint" ? 0.2 : 0)
                    ? 1 : MultiContact(random, multiContactMean);
                if (random.NextDouble() < 0.03)
                    interactions = 0; // closed without any contact (e.g. spam, duplicates)
                var reopened = resolved is not null && random.NextDouble() < 0.09 - (0.04 * skill);
                var contactsFrom = firstResponse ?? created;
                // What has not happened by the load moment has not happened: the ticket is still open (or unanswered).
                if (firstResponse >= now)
                    firstResponse = null;
                if (resolved >= now)
                    (resolved, reopened) = (null, false);
                tickets.Add(new PlannedTicket(++id, created, channel, 1 + random.Next(customerCount), agent, category,
                    firstResponse, resolved, reopened, contactsFrom, interactions));
            }
        }
        return tickets;
    }

    private readonly record struct PlannedInteraction(PlannedTicket Ticket, int AgentId, DateTime StartedAt,
        int TalkSeconds, int HoldSeconds, int WrapSeconds);

    /// <summary>
    /// Every planned contact in plan order, the same sequence at each enumeration (one seed): counted once for the
    /// tickets' interaction counts, then written.
    /// </summary>
    private static IEnumerable<PlannedInteraction> PlanInteractions(List<PlannedTicket> plan, double[] skills,
        int seed)
    {
        var random = new Random(seed * 104729);
        foreach (var t in plan)
        {
            var at = t.ContactsFrom;
            var typicalTalk = ChannelMix.First(c => c.Channel == t.Channel).TalkSeconds;
            for (var i = 0; i < t.PlannedInteractions; i++)
            {
                // A second contact is sometimes picked up by a colleague.
                var agent = i > 0 && random.NextDouble() < 0.3 ? 1 + random.Next(skills.Length - 1) : t.AgentId;
                var skill = skills[agent];
                var talk = (int)LogNormal(random, typicalTalk / skill, 0.5);
                var hold = (t.Channel == Channel.Phone || t.Channel == Channel.Chat) && random.NextDouble() < 0.4
                    ? (int)LogNormal(random, 45 / skill, 0.6) : 0;
                var wrap = (int)LogNormal(random, 60 / skill, 0.5);
                yield return new PlannedInteraction(t, agent, at, talk, hold, wrap);
                at = at.AddHours(LogNormal(random, 12, 0.8));
            }
        }
    }

    /// <summary>
    /// A ticket counts the contacts that started before the load moment (a prefix of its planned ones).
    /// </summary>
    private static void CountInteractionsBefore(DateTime now, List<PlannedTicket> plan, double[] skills, int seed)
    {
        foreach (var interaction in PlanInteractions(plan, skills, seed))
        {
            if (interaction.StartedAt < now)
                interaction.Ticket.Interactions++;
        }
    }

    /// <summary>
    /// Sets the planned tickets' repeat-contact flags by the database's rule (cskpi_repeat_contact, Data/Sql), each
    /// ticket's latest earlier one from a window over the plan: the tickets are then written with their flags.
    /// </summary>
    private static async Task MarkRepeatContactsAsync(NpgsqlConnection connection, List<PlannedTicket> plan,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT n FROM (
                SELECT u.n, cskpi_repeat_contact(u.customer_id, u.created_at,
                           max(u.created_at) OVER (PARTITION BY u.customer_id ORDER BY u.created_at
                                                   RANGE BETWEEN UNBOUNDED PRECEDING
                                                   AND interval '1 microsecond' PRECEDING)) AS repeat
                FROM unnest($1::integer[], $2::timestamptz[]) WITH ORDINALITY u(customer_id, created_at, n)) r
            WHERE r.repeat
            """, connection)
        {
            Parameters =
            {
                new() { Value = plan.Select(t => t.CustomerId).ToArray() },
                new()
                {
                    Value = plan.Select(t => t.CreatedAt).ToArray(),
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            plan[(int)reader.GetInt64(0) - 1].RepeatContact = true;
    }

    private static async Task WriteTicketsAsync(NpgsqlConnection connection, List<PlannedTicket> plan,
        IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        // The plan carries the repeat-contact flags: skip the trigger that would recompute them (in this transaction
        // only).
        await MarkRepeatContactsAsync(connection, plan, cancellationToken);
        await using (var disable = new NpgsqlCommand(
            "ALTER TABLE tickets DISABLE TRIGGER tr_tickets_repeat_contact_insert", connection))
            await disable.ExecuteNonQueryAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY tickets (id, source_id, created_at, channel, customer_id, agent_id, category, first_response_at, "
            + "resolved_at, reopened, interaction_count, repeat_contact, is_demo) FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken);
        foreach (var t in plan)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(t.Id, cancellationToken);
            await copy.WriteAsync($"T{t.Id:00000000}", cancellationToken);
            await copy.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(t.Channel.Code(), cancellationToken);
            await copy.WriteAsync(t.CustomerId, cancellationToken);
            await copy.WriteAsync(t.AgentId, cancellationToken);
            await copy.WriteAsync(t.Category, cancellationToken);
            await WriteNullableAsync(copy, t.FirstResponseAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(copy, t.ResolvedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(t.Reopened, cancellationToken);
            await copy.WriteAsync(t.Interactions, cancellationToken);
            await copy.WriteAsync(t.RepeatContact, cancellationToken);
            await copy.WriteAsync(true, cancellationToken);
            if (t.Id % 50_000 == 0)
                progress?.Report(new DemoProgress("tickets", t.Id, plan.Count));
        }
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        await using (var enable = new NpgsqlCommand(
            "ALTER TABLE tickets ENABLE TRIGGER tr_tickets_repeat_contact_insert", connection))
            await enable.ExecuteNonQueryAsync(cancellationToken);
        progress?.Report(new DemoProgress("tickets", plan.Count, plan.Count));
    }

    private static async Task WriteInteractionsAsync(NpgsqlConnection connection, List<PlannedTicket> plan,
        double[] skills, int seed, DateTime now, CancellationToken cancellationToken)
    {
        // The tickets were written with their interaction counts: skip the trigger that would recount every ticket
        // (inside this transaction only; ALTER TABLE is transactional).
        await using (var disable = new NpgsqlCommand(
            "ALTER TABLE interactions DISABLE TRIGGER tr_interactions_count_insert", connection))
            await disable.ExecuteNonQueryAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY interactions (id, source_id, ticket_id, agent_id, started_at, talk_seconds, hold_seconds, "
            + "wrap_seconds, channel, is_demo) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken);
        long id = 0;
        foreach (var i in PlanInteractions(plan, skills, seed).Where(i => i.StartedAt < now))
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(++id, cancellationToken);
            await copy.WriteAsync($"I{id:000000000}", cancellationToken);
            await copy.WriteAsync(i.Ticket.Id, cancellationToken);
            await copy.WriteAsync(i.AgentId, cancellationToken);
            await copy.WriteAsync(i.StartedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(i.TalkSeconds, cancellationToken);
            await copy.WriteAsync(i.HoldSeconds, cancellationToken);
            await copy.WriteAsync(i.WrapSeconds, cancellationToken);
            await copy.WriteAsync(i.Ticket.Channel.Code(), cancellationToken);
            await copy.WriteAsync(true, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        await using var enable = new NpgsqlCommand(
            "ALTER TABLE interactions ENABLE TRIGGER tr_interactions_count_insert", connection);
        await enable.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record PlannedResponse(SurveyKind Kind, short Score, DateTime At, long? Ticket, int Agent,
        int? Customer, (string, short)[] Dims)
    {
        public string? Comment { get; set; }
    }

    private static async Task WriteSurveysAsync(NpgsqlConnection connection, List<PlannedTicket> plan, double[] skills,
        int agentCount, DateTime start, DateTime now, int seed, double? surveysPerTicket,
        CancellationToken cancellationToken)
    {
        var random = new Random(seed * 15485863);
        // The natural rates below give about 0.5 responses per ticket.
        var surveyScale = (surveysPerTicket ?? 0.5) / 0.5;
        var responses = new List<PlannedResponse>();
        // A survey not yet answered at the load moment is left out (its draws still made: the rest stays the same).
        void Add(PlannedResponse response)
        {
            if (response.At < now)
                responses.Add(response);
        }
        foreach (var t in plan.Where(t => t.ResolvedAt is not null))
        {
            var skill = skills[t.AgentId];
            var waitHours = ((t.FirstResponseAt ?? t.ResolvedAt!.Value) - t.CreatedAt).TotalHours;
            // Experience 0…1: fast first response, one contact, a skilled agent, no reopening.
            var experience = Math.Clamp(0.6 + (0.25 * (skill - 1)) - (0.05 * Math.Log(1 + waitHours))
                - (0.12 * Math.Max(0, t.Interactions - 1))
                - (t.Reopened ? 0.25 : 0) - (t.Category == "complaint" ? 0.15 : 0) + (0.15 * Normal(random)), 0, 1);
            var at = t.ResolvedAt!.Value.AddHours(1 + random.Next(48));
            if (random.NextDouble() < 0.35 * surveyScale)
            {
                var dims = Dimensions.Select(d => (d, Rating(random, experience,
                    d == "resolution" ? 1.2 : d == "speed" ? 0.9 : d == "friendliness" ? 0.4 : 0.7))).ToArray();
                var score = (short)Math.Clamp(Math.Round(1 + (4 * (0.45 + (0.55 * experience)
                    + (0.12 * Normal(random))))), 1, 5);
                Add(new(SurveyKind.Csat, score, at, t.Id, t.AgentId, t.CustomerId,
                    random.NextDouble() < 0.7 ? dims : []));
            }
            if (random.NextDouble() < 0.12 * surveyScale)
                Add(new(SurveyKind.Nps,
                    (short)Math.Clamp(Math.Round(10 * (0.45 + (0.6 * experience)) + Normal(random)), 0, 10),
                    at, t.Id, t.AgentId, t.CustomerId, []));
            if (random.NextDouble() < 0.10 * surveyScale)
                Add(new(SurveyKind.Ces,
                    (short)Math.Clamp(Math.Round(1 + (6 * (1 - experience)) + Normal(random)), 1, 7),
                    at, t.Id, t.AgentId, t.CustomerId, []));
        }
        // eNPS: most agents answer a pulse survey each month.
        for (var month = new DateTime(start.Year, start.Month, 15, 10, 0, 0, DateTimeKind.Utc); month < now;
             month = month.AddMonths(1))
        {
            for (var a = 1; a <= agentCount; a++)
            {
                if (month >= start && random.NextDouble() < 0.8)
                {
                    Add(new(SurveyKind.Enps,
                        (short)Math.Clamp(Math.Round(6 + (2 * skills[a]) + (1.5 * Normal(random))), 0, 10),
                        month.AddHours(random.Next(72)), null, a, null, []));
                }
            }
        }
        AddComments(responses, seed);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY survey_responses (id, source_id, kind, score, submitted_at, ticket_id, agent_id, customer_id, "
            + "comment, is_demo) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken))
        {
            long id = 0;
            foreach (var r in responses)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(++id, cancellationToken);
                await copy.WriteAsync($"S{id:000000000}", cancellationToken);
                await copy.WriteAsync(r.Kind.Code(), cancellationToken);
                await copy.WriteAsync(r.Score, cancellationToken);
                await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(copy, r.Ticket, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.Agent, cancellationToken);
                await WriteNullableAsync(copy, r.Customer, NpgsqlDbType.Integer, cancellationToken);
                await (r.Comment is { } comment ? copy.WriteAsync(comment, NpgsqlDbType.Text, cancellationToken)
                    : copy.WriteNullAsync(cancellationToken));
                await copy.WriteAsync(true, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY dimension_ratings (survey_response_id, dimension, rating) FROM STDIN (FORMAT BINARY, FREEZE)",
            cancellationToken))
        {
            for (var i = 0; i < responses.Count; i++)
            {
                foreach (var (dimension, rating) in responses[i].Dims)
                    await copy.WriteRowAsync(cancellationToken, (long)(i + 1), dimension, rating);
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Some respondents write a comment in their language (a customer's or an agent's, fixed by their id), in the
    /// tone of their score; from a sequence of its own, so comments leave the scores as they were.
    /// </summary>
    private static void AddComments(List<PlannedResponse> responses, int seed)
    {
        var random = new Random(seed * 1_000_003);
        foreach (var r in responses)
        {
            var tone = DemoComments.ToneOf(r.Kind, r.Score);
            if (random.NextDouble() >= DemoComments.CommentRate(tone))
                continue;
            // Four in ten in English, two in ten each in Italian, Polish and Dutch.
            var slot = (r.Customer ?? r.Agent) * 7 % 10;
            var language = DemoComments.Languages[slot < 4 ? 0 : 1 + ((slot - 4) / 2)];
            r.Comment = DemoComments.Pick(random, r.Kind, language, tone);
        }
    }

    /// <summary>Two or more contacts, averaging <paramref name="mean"/>.</summary>
    private static int MultiContact(Random random, double mean)
    {
        var extra = mean - 2;
        var whole = (int)Math.Floor(extra);
        return 2 + whole + (random.NextDouble() < extra - whole ? 1 : 0) + (whole > 0 ? random.Next(-1, 2) : 0);
    }

    private static short Rating(Random random, double experience, double weight) =>
        (short)Math.Clamp(Math.Round(3 + (weight * 4 * (experience - 0.5)) + (0.8 * Normal(random))), 1, 5);

    private static T Pick<T>(Random random, T[] items, Func<T, double> share)
    {
        var roll = random.NextDouble() * items.Sum(share);
        foreach (var item in items)
        {
            roll -= share(item);
            if (roll <= 0)
                return item;
        }
        return items[^1];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double LogNormal(Random random, double median, double sigma) =>
        median * Math.Exp(sigma * Normal(random));

    /// <summary>A hump-shaped 0…1 value: tickets cluster mid-day.</summary>
    private static double Beta(Random random) => (random.NextDouble() + random.NextDouble() + random.NextDouble()) / 3;

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type,
        CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static readonly string[] FirstNames =
    [
        "Anna", "Marco", "Piotr", "Sanne", "Giulia", "Kasia", "Daan", "Luca", "Eva", "Tomasz", "Sofia", "Bram",
        "Chiara", "Jan", "Lotte", "Matteo",
    ];
    private static readonly string[] LastNames =
    [
        "Rossi", "Nowak", "de Vries", "Bianchi", "Kowalski", "Jansen", "Russo", "Wiśniewska", "Bakker", "Ferrari",
        "Visser", "Lewandowski",
    ];
}
