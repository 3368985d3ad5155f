using CsKpi.Core.Kpis;

namespace CsKpi.Core.Tests.Kpis;

public class CsvEscapeTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\tA1", "'\tA1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-1.5\n", "\"'-1.5\n\"")]
    [InlineData("\t-1", "'\t-1")]
    [InlineData("-Infinity", "'-Infinity")]
    public void Text_starting_with_a_formula_character_gets_a_leading_quote(string cell, string written)
    {
        Csv.Escape(cell).Should().Be(written);
    }

    [Theory]
    [InlineData("-1.5")]
    [InlineData("-12")]
    [InlineData("-1E-05")]
    [InlineData("0.25")]
    [InlineData("Blue team")]
    [InlineData(" =1")]
    public void Numbers_as_the_exports_write_them_and_plain_text_stay_as_they_are(string cell)
    {
        Csv.Escape(cell).Should().Be(cell);
    }
}
