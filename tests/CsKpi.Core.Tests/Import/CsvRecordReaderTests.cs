using System.Text;
using CsKpi.Core.Import;

namespace CsKpi.Core.Tests.Import;

public class CsvRecordReaderTests
{
    [Fact]
    public void A_quote_inside_an_unquoted_field_is_refused_on_its_line_not_read_on_to_the_next_quote()
    {
        // Read as opening a quoted section, the quote of 5" would take the next row (up to 7") into this record.
        var reader = Reader("id,name,team\nA1,Anna 5\" screen,Blue\nA2,Bob 7\" tab,Blue\n" +
            "A3,\"Carl \"\"C\"\"\",Red\n");
        var fields = new List<string>();
        reader.ReadHeader(fields);

        reader.Read(fields).Should().BeTrue();
        (reader.Line, fields.Count).Should().Be((2, 0));
        reader.Problems.Should().Equal(new CsvProblem(CsvProblemKind.StrayQuote, 1, 0));
        reader.Problems[0].Reason.Should().StartWith("a quote (\") inside a field not enclosed in quotes");
        reader.Read(fields).Should().BeTrue();
        (reader.Line, string.Join('|', fields)).Should().Be((4, "A3|Carl \"C\"|Red"));
        reader.Problems.Should().BeEmpty();
        reader.Read(fields).Should().BeFalse();
    }

    [Fact]
    public void A_lone_quote_inside_an_unquoted_field_is_a_row_error_rather_than_an_unclosed_quote()
    {
        var reader = Reader("id,name\nA1,Anna 5\" screen\nA2,Bob\n");
        var fields = new List<string>();
        reader.ReadHeader(fields);

        reader.Read(fields).Should().BeTrue();
        (reader.Line, reader.Problems.Single().Kind).Should().Be((2, CsvProblemKind.StrayQuote));
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_reported_on_its_line_and_skipped_without_being_kept()
    {
        var reader = Reader("id,value\nA,1\nB," + new string('x', 128) + "\nC,3\n", maxRecordBytes: 64);
        var fields = new List<string>();

        reader.ReadHeader(fields).Should().BeTrue();
        fields.Should().Equal("id", "value");
        reader.Read(fields).Should().BeTrue();
        (reader.Line, reader.TooLong, string.Join('|', fields)).Should().Be((2, false, "A|1"));
        reader.Read(fields).Should().BeTrue();
        (reader.Line, reader.TooLong, fields.Count).Should().Be((3, true, 0));
        reader.Problems.Should().Equal(new CsvProblem(CsvProblemKind.TooLong, -1, 64));
        reader.Problems[0].Reason.Should().Be("the line is longer than 64 bytes (Import:MaxLineBytes)");
        reader.Read(fields).Should().BeTrue();
        (reader.Line, reader.TooLong, string.Join('|', fields)).Should().Be((4, false, "C|3"));
        reader.Problems.Should().BeEmpty();
        reader.Read(fields).Should().BeFalse();
        reader.RecordCapacity.Should().BeLessThanOrEqualTo(64);
    }

    [Fact]
    public void A_long_quoted_record_over_several_lines_is_skipped_to_its_end_and_lines_still_count()
    {
        var quoted = "\"" + new string('x', 100) + "\n" + new string('y', 100) + "\"";
        var reader = Reader("id,value\nB," + quoted + "\nC,\"3\"\n", maxRecordBytes: 64);
        var fields = new List<string>();
        reader.ReadHeader(fields);

        reader.Read(fields);
        (reader.Line, reader.TooLong).Should().Be((2, true));
        reader.Read(fields);
        (reader.Line, reader.TooLong, string.Join('|', fields)).Should().Be((4, false, "C|3"));
    }

    [Fact]
    public void A_line_of_ten_megabytes_is_read_past_holding_no_more_than_the_limit()
    {
        var line = "A," + new string('x', 10 * 1024 * 1024);
        var file = new MemoryStream(Encoding.ASCII.GetBytes("id,value\n" + line + "\nB,2\n"));
        var reader = new CsvRecordReader(file, maxRecordBytes: 1024);
        var fields = new List<string>();
        reader.ReadHeader(fields);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        reader.Read(fields);
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;

        reader.TooLong.Should().BeTrue();
        reader.RecordCapacity.Should().BeLessThanOrEqualTo(1024);
        used.Should().BeLessThan(64 * 1024, "the line is skipped through the read buffer, not collected");
        reader.Read(fields);
        string.Join('|', fields).Should().Be("B|2");
    }

    [Fact]
    public void A_header_longer_than_the_limit_is_reported_and_the_next_line_is_read()
    {
        var reader = Reader(new string('h', 200) + ",x\nA,1\n", maxRecordBytes: 64);
        var fields = new List<string>();

        reader.ReadHeader(fields).Should().BeTrue();
        (reader.TooLong, reader.Line, fields.Count).Should().Be((true, 1, 0));
        reader.Read(fields);
        (reader.Line, string.Join('|', fields)).Should().Be((2, "A|1"));
    }

    [Fact]
    public void An_invalid_utf8_byte_is_reported_with_its_cell_and_position_and_reading_goes_on()
    {
        // Line 3, cell 2: "caf" then 0xE9 (Latin-1 é, not UTF-8) at its 4th byte.
        byte[] file = [.. "id,name\nA,ok\nB,caf"u8, 0xE9, .. "!\nC,\"ça\"\n"u8];
        var reader = new CsvRecordReader(new MemoryStream(file));
        var fields = new List<string>();
        reader.ReadHeader(fields);

        reader.Read(fields);
        reader.Problems.Should().BeEmpty();
        reader.Read(fields);
        reader.Line.Should().Be(3);
        reader.Problems.Should().Equal(new CsvProblem(CsvProblemKind.InvalidUtf8, 1, 4));
        fields.Should().Equal("B", "caf\uFFFD!");
        reader.Read(fields);
        (reader.Problems.Count, string.Join('|', fields)).Should().Be((0, "C|ça"));
    }

    [Fact]
    public void A_nul_byte_is_reported_with_its_cell_and_position_and_never_reaches_the_text()
    {
        byte[] file = [.. "id,name\nA,Bo"u8, 0x00, .. "b\n"u8];
        var reader = new CsvRecordReader(new MemoryStream(file));
        var fields = new List<string>();
        reader.ReadHeader(fields);

        reader.Read(fields);

        reader.Problems.Should().Equal(new CsvProblem(CsvProblemKind.Nul, 1, 3));
        reader.Problems[0].Reason.Should().Be("a NUL byte (0x00) at byte 3 of the cell");
        fields.Should().Equal("A", "Bo\uFFFDb");
    }

    [Fact]
    public void Byte_order_marks_are_read_and_the_header_gives_the_delimiter()
    {
        var fields = new List<string>();
        var utf8 = new CsvRecordReader(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. "id;naam\nA;\"x;y\"\n"u8]));
        utf8.ReadHeader(fields);
        (utf8.Delimiter, string.Join('|', fields)).Should().Be((';', "id|naam"));
        utf8.Read(fields);
        fields.Should().Equal("A", "x;y");

        byte[] utf16File = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("id,name\nA,Łódź\n")];
        var utf16 = new CsvRecordReader(new MemoryStream(utf16File));
        utf16.ReadHeader(fields);
        fields.Should().Equal("id", "name");
        utf16.Read(fields);
        (utf16.Problems.Count, string.Join('|', fields)).Should().Be((0, "A|Łódź"));
    }

    private static CsvRecordReader Reader(string csv, int maxRecordBytes = 1 << 20) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(csv)), maxRecordBytes: maxRecordBytes);
}
