using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>A KPI without a value says why: what its definition's denominator needs, privacy, or no records.
/// </summary>
public class NoDataReasonTests
{
    [Fact]
    public async Task Resolved_tickets_without_interactions_leave_fcr_empty_for_want_of_interactions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T10:00:00Z", resolvedAfterSeconds: 3600);
            data.Ticket("2026-03-03T10:00:00Z", resolvedAfterSeconds: 7200);
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01");

        Reason(report, KpiRegistry.Fcr).Should().Be(NoDataReason.NoInteractions);
        Reason(report, KpiRegistry.Aht).Should().Be(NoDataReason.NoRecords, "no interactions at all");
        Reason(report, KpiRegistry.ReopenRate).Should().BeNull("two tickets were resolved");
    }

    [Fact]
    public async Task Tickets_without_customer_ids_leave_repeat_contact_empty_for_want_of_customer_ids()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T10:00:00Z");
            data.Ticket("2026-03-03T10:00:00Z");
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01");

        Reason(report, KpiRegistry.RepeatContactRate).Should().Be(NoDataReason.NoCustomerIds);
        Reason(report, KpiRegistry.FirstResponseMedian).Should().Be(NoDataReason.NoFirstResponses);
        Reason(report, KpiRegistry.TicketVolume).Should().BeNull();
        Reason(report, KpiRegistry.Fcr).Should().Be(NoDataReason.NoRecords, "nothing was resolved");
    }

    [Fact]
    public async Task Fewer_survey_responses_than_the_privacy_minimum_are_hidden_and_none_is_no_responses()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var agent = data.Agent("A1");
            for (var i = 0; i < SurveyPrivacy.MinimumResponses - 1; i++)
                data.Survey(SurveyKind.Csat, 5, "2026-03-02T10:00:00Z", agent: agent);
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01");

        Reason(report, KpiRegistry.Csat).Should().Be(NoDataReason.Hidden);
        Reason(report, KpiRegistry.Nps).Should().Be(NoDataReason.NoRecords);
    }

    private static NoDataReason? Reason(KpiReport report, string key) =>
        NoData.Reason(KpiRegistry.Get(key), report.Kpis);
}
