using CsKpi.Core.Import;

namespace CsKpi.Core.Tests.Import;

/// <summary>How a saved mapping fits a file: identical, or the differences the admin must see.</summary>
public partial class MappedImportTests
{
    private static readonly string[] SavedHeaders =
        HelpDeskExport[..HelpDeskExport.IndexOf('\n', StringComparison.Ordinal)].Split(',');

    [Fact]
    public void A_mapping_fits_the_same_columns_in_any_order_and_case()
    {
        var file = SavedHeaders.Reverse().Select(h => " " + h.ToUpperInvariant()).ToList();

        MappingFit.Of(HelpDeskMapping(), SavedHeaders, file).Identical.Should().BeTrue();
    }

    [Fact]
    public void A_mapping_on_other_columns_names_what_the_file_lacks_what_it_adds_and_the_targets_left_unmapped()
    {
        var file = SavedHeaders.Where(h => h is not ("Satisfaction" or "Supervisor")).Append("Priority").ToList();

        var fit = MappingFit.Of(HelpDeskMapping(), SavedHeaders, file);

        fit.Identical.Should().BeFalse();
        fit.Missing.Should().BeEquivalentTo("Satisfaction", "Supervisor");
        fit.New.Should().Equal("Priority");
        fit.Unmapped.Should().Equal(new MappingTarget(ImportKind.Surveys, "score"));
        var trimmed = fit.Trim(HelpDeskMapping());
        trimmed.TeamHeader.Should().BeNull();
        trimmed.Kinds[1].Source("score").Should().BeNull();
        trimmed.Kinds[1].Source("survey")!.Value.Should().Be("csat", "a fixed value needs no column");
        trimmed.Kinds[0].Source("ticket_id")!.Header.Should().Be("Case Number");
    }
}
