using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>Small builders: each test writes exactly the rows it reasons about.</summary>
internal sealed class KpiData(KpiDbContext db) : IAsyncDisposable
{
    private int _next;

    public static DateTime At(string utc) => DateTime.Parse(utc, CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public Agent Agent(string id, string? team = null)
    {
        var agent = new Agent { SourceId = id, Name = "Agent " + id };
        if (team is not null)
            agent.Team = db.Teams.Local.FirstOrDefault(t => t.Name == team)
                ?? db.Teams.Add(new Team { Name = team }).Entity;
        db.Agents.Add(agent);
        return agent;
    }

    public Customer Customer(string? since = null, string? cancelled = null)
    {
        var customer = new Customer
        {
            SourceId = "C" + ++_next,
            CustomerSince = since is null ? null : DateOnly.Parse(since, CultureInfo.InvariantCulture),
            CancelledOn = cancelled is null ? null : DateOnly.Parse(cancelled, CultureInfo.InvariantCulture),
        };
        db.Customers.Add(customer);
        return customer;
    }

    public Ticket Ticket(string created, Channel? channel = null, Agent? agent = null,
        Customer? customer = null, string? category = null,
        double? firstResponseSeconds = null, double? resolvedAfterSeconds = null, bool reopened = false,
            int interactions = 0)
    {
        var createdAt = At(created);
        var ticket = new Ticket
        {
            SourceId = "T" + ++_next,
            CreatedAt = createdAt,
            Channel = channel ?? Channel.Email,
            Agent = agent,
            Customer = customer,
            Category = category,
            FirstResponseAt = firstResponseSeconds is { } fr ? createdAt.AddSeconds(fr) : null,
            ResolvedAt = resolvedAfterSeconds is { } rs ? createdAt.AddSeconds(rs) : null,
            Reopened = reopened,
        };
        db.Tickets.Add(ticket);
        for (var i = 0; i < interactions; i++)
            Interaction(ticket, agent ?? Agent("auto" + ++_next), created, talk: 60);
        return ticket;
    }

    public Interaction Interaction(Ticket ticket, Agent agent, string started, int talk, int hold = 0, int wrap = 0,
        Channel? channel = null)
    {
        var interaction = new Interaction
        {
            SourceId = "I" + ++_next,
            Ticket = ticket,
            Agent = agent,
            StartedAt = At(started),
            TalkSeconds = talk,
            HoldSeconds = hold,
            WrapSeconds = wrap,
            Channel = channel ?? ticket.Channel,
        };
        db.Interactions.Add(interaction);
        return interaction;
    }

    public SurveyResponse Survey(SurveyKind kind, int score, string submitted, Ticket? ticket = null,
        Agent? agent = null, params (string Dimension, int Rating)[] dimensions)
    {
        var response = new SurveyResponse
        {
            SourceId = "S" + ++_next,
            Kind = kind,
            Score = (short)score,
            SubmittedAt = At(submitted),
            Ticket = ticket,
            Agent = agent ?? ticket?.Agent
        };
        foreach (var (dimension, rating) in dimensions)
            response.Dimensions.Add(new DimensionRating { Dimension = dimension, Rating = (short)rating });
        db.SurveyResponses.Add(response);
        return response;
    }

    public Task SaveAsync() => db.SaveChangesAsync();

    public ValueTask DisposeAsync() => db.DisposeAsync();
}

internal static class Reports
{
    public static async Task<KpiReport> RunAsync(TestDatabase database, string from, string to,
        KpiFilters? filters = null, Grouping? groupBy = null, string timeZone = "UTC")
    {
        await using var db = database.CreateContext();
        var period = ReportPeriod.Dates(DateOnly.Parse(from, CultureInfo.InvariantCulture),
            DateOnly.Parse(to, CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return await new KpiReports(db).RunAsync(new KpiRequest(period, filters ?? KpiFilters.None, groupBy));
    }
}
