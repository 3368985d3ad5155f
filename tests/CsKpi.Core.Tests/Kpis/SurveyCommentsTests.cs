using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Survey comments: score range, literal text search (<c>%</c> and <c>_</c> are not wildcards), pages, and eNPS
/// comments only from 5 responses in the group, never with agent or ticket. March has 4 eNPS responses, April 5.
/// </summary>
public class SurveyCommentsTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly ReportPeriod March = ReportPeriod.Dates(new(2026, 3, 1), new(2026, 4, 1), Utc);
    private static readonly ReportPeriod April = ReportPeriod.Dates(new(2026, 4, 1), new(2026, 5, 1), Utc);

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var data = new KpiData(database.CreateContext());
        var ann = data.Agent("A1", team: "Blue");
        var bob = data.Agent("A2", team: "Blue");
        var ticket = data.Ticket("2026-03-01T08:00:00Z", Channel.Email, ann);
        data.Survey(SurveyKind.Csat, 5, "2026-03-02T08:00:00Z", ticket).Comment = "Great help, 100% satisfied";
        data.Survey(SurveyKind.Csat, 2, "2026-03-03T08:00:00Z", agent: bob).Comment = "slow_reply again";
        data.Survey(SurveyKind.Csat, 3, "2026-03-04T08:00:00Z", agent: bob).Comment = "no reply yet";
        data.Survey(SurveyKind.Csat, 4, "2026-03-05T08:00:00Z", agent: ann).Comment = "fine";
        data.Survey(SurveyKind.Nps, 9, "2026-03-06T08:00:00Z", agent: ann).Comment = "100 percent";
        data.Survey(SurveyKind.Csat, 1, "2026-03-07T08:00:00Z", agent: ann).Comment = "";
        data.Survey(SurveyKind.Csat, 3, "2026-03-08T08:00:00Z", agent: ann);
        for (var i = 0; i < 4; i++)
            data.Survey(SurveyKind.Enps, 8, $"2026-03-1{i}T08:00:00Z", agent: i % 2 == 0 ? ann : bob).Comment = "ok";
        for (var i = 0; i < 5; i++)
        {
            var response = data.Survey(SurveyKind.Enps, 9, $"2026-04-1{i}T08:00:00Z", agent: i % 2 == 0 ? ann : bob);
            response.Comment = i == 0 ? null : "good team " + i;
        }
        await data.SaveAsync();
        return database;
    }

    [Fact]
    public async Task Percent_and_underscore_in_the_search_are_literal_and_the_score_range_applies()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext();
        var comments = new SurveyComments(db);

        var percent = await comments.PageAsync(March, KpiFilters.None, new CommentQuery(Search: "100%"));
        var underscore = await comments.PageAsync(March, KpiFilters.None, new CommentQuery(Search: "_REPLY"));
        var fourToFive = await comments.PageAsync(March, KpiFilters.None,
            new CommentQuery(MinScore: 4, MaxScore: 5));

        percent.Rows.Select(r => r.Comment).Should().Equal("Great help, 100% satisfied");
        percent.Rows[0].Should().Be(new CommentRecord(KpiData.At("2026-03-02T08:00:00Z"), SurveyKind.Csat, 5,
            "Great help, 100% satisfied", "A1", "Agent A1", "T1"));
        underscore.Rows.Select(r => r.Comment).Should()
            .Equal(new[] { "slow_reply again" }, "case-insensitive, _ literal");
        fourToFive.Rows.Select(r => r.Comment).Should().Equal("fine", "Great help, 100% satisfied");
    }

    [Fact]
    public async Task Pages_are_newest_first_and_bounded()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext();
        var comments = new SurveyComments(db);

        var first = await comments.PageAsync(March, KpiFilters.None, new CommentQuery(PageSize: 2));
        var last = await comments.PageAsync(March, KpiFilters.None, new CommentQuery(Page: 99, PageSize: 2));
        var huge = await comments.PageAsync(March, KpiFilters.None, new CommentQuery(PageSize: 100_000));

        // Five non-empty customer comments; the four eNPS ones are hidden (4 responses).
        (first.Total, first.Pages, first.Page).Should().Be((5L, 3, 1));
        first.Rows.Select(r => r.Comment).Should().Equal("100 percent", "fine");
        (last.Page, last.Rows.Count).Should().Be((3, 1), "a page past the end shows the last");
        huge.PageSize.Should().Be(SurveyComments.MaxPageSize);
    }

    [Fact]
    public async Task Enps_comments_need_five_responses_in_the_group_and_never_show_who()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext();
        var comments = new SurveyComments(db);

        var march = await comments.PageAsync(March, KpiFilters.None, new CommentQuery());
        var april = await comments.PageAsync(April, KpiFilters.None, new CommentQuery());
        var oneAgent = await comments.PageAsync(April, new KpiFilters(Agent: "A1"), new CommentQuery());

        march.Rows.Should().NotContain(r => r.Kind == SurveyKind.Enps);
        march.EnpsHidden.Should().BeTrue();
        april.Rows.Should().HaveCount(4, "five responses, four with a comment").And
            .OnlyContain(r => r.Kind == SurveyKind.Enps && r.AgentId == null && r.AgentName == null
                && r.TicketId == null);
        april.EnpsHidden.Should().BeFalse();
        (oneAgent.Total, oneAgent.EnpsHidden).Should().Be((0L, true), "one agent's answers are one person's");
    }
}
