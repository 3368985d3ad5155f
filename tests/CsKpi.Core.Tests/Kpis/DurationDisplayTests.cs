using System.Globalization;
using CsKpi.Core.Kpis;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// The one duration formatter (tables, cards, chart tooltips and axes all use it): whole seconds, then minutes,
/// hours and days, in the UI's four languages. The unit symbols are the international ones in all four.
/// </summary>
public class DurationDisplayTests
{
    public static TheoryData<string, double, string> Durations()
    {
        var data = new TheoryData<string, double, string>();
        foreach (var culture in new[] { "en", "it", "pl", "nl" })
        {
            data.Add(culture, 0, "0 s");
            data.Add(culture, 44.5, "45 s");
            data.Add(culture, 312.4, "5 min 12 s");
            data.Add(culture, (3 * 3600) + (5 * 60) + 59, "3 h 05 min");
            data.Add(culture, 86399, "23 h 59 min");
            data.Add(culture, (2 * 86400) + (3 * 3600) + 125, "2 d 3 h");
            data.Add(culture, 1500 * 86400, "1500 d 0 h");
            data.Add(culture, -75, "-1 min 15 s");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void Durations_read_as_seconds_minutes_hours_and_days(string culture, double seconds, string expected) =>
        KpiDisplay.Duration(seconds, CultureInfo.GetCultureInfo(culture)).Should().Be(expected);

    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    [InlineData("pl")]
    [InlineData("nl")]
    public void A_duration_KPI_is_formatted_by_the_duration_formatter(string culture) =>
        KpiDisplay.Format(KpiRegistry.Get(KpiRegistry.Aht), 90061, CultureInfo.GetCultureInfo(culture))
            .Should().Be("1 d 1 h");
}
