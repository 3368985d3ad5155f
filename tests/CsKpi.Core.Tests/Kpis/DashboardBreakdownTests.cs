using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// The dashboard's extra numbers (NPS split, first-response histogram, targets) with hand-computed values.
/// </summary>
public class DashboardBreakdownTests
{
    private static readonly ReportPeriod March = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1),
        TimeZoneInfo.Utc);

    [Fact]
    public async Task Nps_split_counts_promoters_passives_and_detractors_in_the_period_and_filters()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var ann = data.Agent("A1", team: "Billing");
            var bob = data.Agent("B1", team: "Orders");
            foreach (var score in new[] { 10, 9, 8, 7, 7, 6, 0 })
                data.Survey(SurveyKind.Nps, score, "2026-03-05T12:00:00Z", agent: ann);
            data.Survey(SurveyKind.Nps, 10, "2026-03-05T12:00:00Z", agent: bob);  // other team
            data.Survey(SurveyKind.Nps, 10, "2026-04-01T00:00:00Z", agent: ann);  // at `to`: outside
            data.Survey(SurveyKind.Enps, 0, "2026-03-05T12:00:00Z", agent: ann);  // other survey
            await data.SaveAsync();
        }
        await using var db = database.CreateContext();

        var split = await new SurveyBreakdowns(db).NetScoreSplitAsync(March, new KpiFilters(Team: "Billing"));

        split.Should().Be(new NetScoreSplit(Promoters: 2, Passives: 3, Detractors: 2));
        split.Responses.Should().Be(7);
        (await new SurveyBreakdowns(db).NetScoreSplitAsync(March, KpiFilters.None,
            SurveyKind.Enps)).Should().Be(new NetScoreSplit(0, 0, 1));
    }

    [Fact]
    public async Task Nps_split_of_an_empty_period_is_zero_responses()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        (await new SurveyBreakdowns(db).NetScoreSplitAsync(March, KpiFilters.None)).Responses.Should().Be(0);
    }

    [Fact]
    public async Task First_response_distribution_puts_each_ticket_in_its_bucket_bounds_included_below()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var seconds in new double[] { 0, 299, 300, 899, 900, 3599, 3600, 14_399, 14_400, 86_399, 86_400,
                200_000 })
                data.Ticket("2026-03-02T08:00:00Z", channel: Channel.Chat, firstResponseSeconds: seconds);
            data.Ticket("2026-03-02T08:00:00Z", channel: Channel.Phone,
                firstResponseSeconds: 10); // filtered out by channel
            data.Ticket("2026-03-02T08:00:00Z",
                channel: Channel.Chat);                              // no first response
            data.Ticket("2026-02-28T08:00:00Z", channel: Channel.Chat, firstResponseSeconds: 10);   // before the period
            await data.SaveAsync();
        }
        await using var db = database.CreateContext();

        var buckets = await new ResponseTimeDistribution(db).AnalyseAsync(March, new KpiFilters(Channel: Channel.Chat));

        buckets.Select(b => (b.Label, b.Tickets)).Should().Equal(
            ("< 5 min", 2), ("5–15 min", 2), ("15–60 min", 2), ("1–4 h", 2), ("4–24 h", 2), ("> 24 h", 2));
        buckets[1].From.Should().Be(300);
        buckets[^1].To.Should().BeNull();
    }

    [Fact]
    public async Task The_most_specific_target_applies_team_then_channel_then_company()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var billing = new Team { Name = "Billing" };
            db.Targets.AddRange(
                new Target { KpiKey = KpiRegistry.Csat, Value = 80 },
                new Target { KpiKey = KpiRegistry.Csat, Team = billing, Value = 70 },
                new Target { KpiKey = KpiRegistry.Csat, Channel = Channel.Phone, Value = 85 },
                new Target { KpiKey = KpiRegistry.TimeWithCustomerAvg, Channel = Channel.Chat, Value = 420 });
            await db.SaveChangesAsync();
        }
        await using var context = database.CreateContext();

        var targets = await KpiTargets.LoadAsync(context);

        targets.For(KpiRegistry.Csat, KpiFilters.None).Should().Be(80);
        targets.For(KpiRegistry.Csat, new KpiFilters(Team: "Billing", Channel: Channel.Phone)).Should().Be(70);
        targets.For(KpiRegistry.Csat, new KpiFilters(Team: "Orders", Channel: Channel.Phone)).Should().Be(85);
        targets.For(KpiRegistry.TimeWithCustomerAvg, new KpiFilters(Channel: Channel.Chat)).Should().Be(420);
        targets.For(KpiRegistry.TimeWithCustomerAvg, KpiFilters.None).Should().BeNull();
        targets.Status(KpiRegistry.Get(KpiRegistry.Csat), 77, KpiFilters.None).Should().Be(TargetStatus.Near);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Survey_numbers_from_fewer_than_five_responses_are_hidden(long responses, bool hidden)
    {
        SurveyPrivacy.Hides(KpiRegistry.Get(KpiRegistry.Enps), responses).Should().Be(hidden);
        SurveyPrivacy.Hides(KpiRegistry.Get(KpiRegistry.Aht), responses).Should().BeFalse();
    }
}
