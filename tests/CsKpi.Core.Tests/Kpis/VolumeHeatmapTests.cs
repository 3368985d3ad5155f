using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>The hour × weekday heatmap counts tickets by their local creation time in the organisation's zone.
/// </summary>
public class VolumeHeatmapTests
{
    [Fact]
    public async Task Cells_are_local_weekday_and_hour_in_rome_across_midnight_and_the_summer_time_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var ann = data.Agent("A1", team: "Blue");
            data.Ticket("2026-02-28T23:30:00Z", Channel.Email, ann); // Sun 1 Mar 00:30 CET: Sunday 0 h
            data.Ticket("2026-03-02T07:30:00Z", Channel.Email, ann); // Mon 2 Mar 08:30 CET: Monday 8 h
            data.Ticket("2026-03-08T23:15:00Z", Channel.Chat); //       Mon 9 Mar 00:15 CET: Monday 0 h
            data.Ticket("2026-03-30T07:30:00Z", Channel.Email, ann); // Mon 30 Mar 09:30 CEST: Monday 9 h
            data.Ticket("2026-03-31T22:30:00Z", Channel.Email, ann); // Wed 1 Apr 00:30 CEST: after the period
            data.Ticket("2026-02-28T22:30:00Z", Channel.Email, ann); // Sat 28 Feb 23:30 CET: before it
            await data.SaveAsync();
        }
        var rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        var march = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), rome);
        await using var db = database.CreateContext();

        var cells = await new VolumeHeatmap(db).AnalyseAsync(march, KpiFilters.None);
        var blue = await new VolumeHeatmap(db).AnalyseAsync(march, new KpiFilters(Team: "Blue"));

        cells.Should().HaveCount(7 * 24);
        cells.Where(c => c.Tickets > 0).Select(c => (c.Weekday, c.Hour, c.Tickets)).Should()
            .BeEquivalentTo(new[] { (1, 0, 1L), (1, 8, 1L), (1, 9, 1L), (7, 0, 1L) });
        cells.Sum(c => c.Tickets).Should().Be(4);
        blue.Where(c => c.Tickets > 0).Select(c => (c.Weekday, c.Hour)).Should()
            .BeEquivalentTo(new[] { (1, 8), (1, 9), (7, 0) }, "the chat ticket has no team");
    }
}
