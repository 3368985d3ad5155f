using CsKpi.Core.Kpis;
using CsKpi.Web.Dashboard;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>A card's "no data" hint names the real reason (the reasons themselves: NoDataReasonTests).</summary>
public class NoDataHintTests
{
    [Fact]
    public void Fcr_with_resolved_tickets_but_no_interactions_names_interactions()
    {
        var kpis = Values((KpiRegistry.ReopenRate, new KpiValue(0, 334)), (KpiRegistry.Fcr, KpiValue.NoData));

        KpiCard.NoDataHint(KpiRegistry.Get(KpiRegistry.Fcr), kpis)
            .Should().Be("No resolved ticket in the period has an interaction: upload interactions.");
    }

    [Fact]
    public void Repeat_contact_with_created_tickets_but_no_customer_ids_names_customer_ids()
    {
        var kpis = Values((KpiRegistry.TicketVolume, new KpiValue(446, 446)),
            (KpiRegistry.RepeatContactRate, KpiValue.NoData));

        KpiCard.NoDataHint(KpiRegistry.Get(KpiRegistry.RepeatContactRate), kpis)
            .Should().Be("No ticket created in the period has a customer id.");
    }

    [Fact]
    public void Survey_numbers_under_the_privacy_minimum_say_they_are_hidden()
    {
        var kpis = Values((KpiRegistry.Csat, new KpiValue(100, 3)));

        KpiCard.NoDataHint(KpiRegistry.Get(KpiRegistry.Csat), kpis)
            .Should().Be("Hidden: fewer than 5 responses could identify people.");
    }

    private static Dictionary<string, KpiValue> Values(params (string Key, KpiValue Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);
}
