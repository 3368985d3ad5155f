using System.Text;
using CsKpi.Core.Import;

namespace CsKpi.Core.Tests.Import;

/// <summary>The mapping step's proposal: its preview reads the file as importing as proposed would.</summary>
public class MappingProposalTests
{
    private const string Export = """
        Case,Opened,Origin,Priority
        C1,2026-03-02T09:00:00Z,Inbound,Medium
        C2,2026-03-02T10:00:00Z,Web Form,Critical
        C3,2026-03-02T11:00:00Z,Carrier pigeon,Low

        """;

    [Fact]
    public async Task The_preview_applies_the_proposed_translations_and_still_lists_them()
    {
        var proposal = await MappingProposal.ProposeAsync(new MemoryStream(Encoding.UTF8.GetBytes(Export)),
            ImportKind.Tickets, saved: null, TimeZoneInfo.Utc);

        var tickets = proposal.Check.Kinds[0];
        string? Cell(int row, string column) => tickets.Rows[row].Values[tickets.Columns.ToList().IndexOf(column)];
        (Cell(0, "channel"), Cell(0, "priority")).Should().Be(("phone", "normal"));
        (Cell(1, "channel"), Cell(1, "priority")).Should().Be(("email", "urgent"));
        tickets.Rows[0].Errors.Should().BeEmpty("both values of C1 have a proposed translation");
        tickets.Rows[2].Errors.Should().ContainSingle(e => e.Column == "Origin",
            "no channel is proposed for a carrier pigeon: the admin says");
        proposal.Check.Values.Single(v => v.Column == "channel").Values.Should()
            .BeEquivalentTo(["Carrier pigeon", "Inbound", "Web Form"], "the translations stay for the admin to see");
        proposal.Translation(proposal.Check.Values.Single(v => v.Column == "priority"), "Critical").Should()
            .Be("urgent");
    }
}
