using System.Globalization;
using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// Values of a mapped column that are not ours as written (<c>Inbound</c> for a channel): the admin says what each
/// means.
/// </summary>
/// <param name="KindIndex">Which of the mapping's kinds (a row may give a csat and an nps: two survey kinds).</param>
public sealed record UnknownValues(
    int KindIndex, ImportKind Kind, string Column, string Header, ColumnType Type, IReadOnlyList<string> Values,
    bool More);

/// <summary>
/// The first records of one kind as the import will read them: values in our form, or the reasons they cannot be read.
/// </summary>
public sealed record KindPreview(ImportKind Kind, IReadOnlyList<string> Columns, IReadOnlyList<PreviewRow> Rows);

/// <summary>
/// One row of a <see cref="KindPreview"/>; <paramref name="Skipped"/> when the row has no record of that kind.
/// </summary>
public sealed record PreviewRow(
    long Line, bool Skipped, IReadOnlyList<string?> Values, IReadOnlyList<ImportError> Errors);

/// <summary>
/// A column mapped as a first response or resolution time whose values are durations (numbers, hh:mm:ss) without a
/// unit: the admin says which (a bare number is never guessed).
/// </summary>
public sealed record UnchosenUnit(int KindIndex, string Column, string Header);

/// <summary>What a mapping makes of the first rows of a file, before anything is written.</summary>
public sealed record MappingCheck(
    DateDetection Dates, IReadOnlyList<UnknownValues> Values, IReadOnlyList<KindPreview> Kinds,
    IReadOnlyList<ImportError> Problems)
{
    /// <summary>Duration columns whose unit the admin must still choose.</summary>
    public IReadOnlyList<UnchosenUnit> Units { get; init; } = [];

    /// <summary>
    /// Reads a sample of the file through the mapping: how its dates are written (<paramref name="dates"/> when the
    /// caller has it, else <see cref="DetectDates"/>), the values of coded columns that need translating, and the first
    /// <paramref name="previewRows"/> records of each kind. A channel reads when <paramref name="channels"/> (the
    /// organisation's list; the defaults when not given) or the mapping's new channels have it.
    /// </summary>
    public static MappingCheck Run(FilePreview sample, ImportMapping mapping, TimeZoneInfo timeZone,
        int previewRows = 5, DateDetection? dates = null, IReadOnlyList<string>? channels = null)
    {
        var problems = new ImportErrors(100);
        sample = Records(sample, mapping);
        var layouts = Layouts(sample, mapping, problems);
        var added = (mapping.NewChannels ?? []).Select(c => Channels.Normalize(c.Code) ?? "");
        var parser = new CellParser(timeZone, sample.Delimiter, mapping.Dates,
            [.. (channels ?? Channels.Defaults.Select(c => c.Code())).Union(added)]);
        var unknown = new List<UnknownValues>();
        foreach (var ((mapped, layout), kindIndex) in layouts.Select((l, i) => (l, i)))
        {
            var coded = mapped.Kind.Columns().Where(c =>
                c.Type is ColumnType.Channel or ColumnType.SurveyKind or ColumnType.Priority or ColumnType.WholeNumber
                    or ColumnType.Boolean);
            foreach (var column in coded)
            {
                var source = mapped.Source(column.Name);
                var position = layout.PositionOf(column.Name);
                if (position < 0)
                    continue;
                var translated = source?.Values ?? new Dictionary<string, string>();
                // A survey of one kind (a rating column) also lists scores outside its scale: a 1–10 satisfaction
                // for a 1–5 csat.
                var scale = column.Name == "score" && mapped.Source("survey")?.Value is { } fixedKind
                    && SurveyKinds.TryParse(fixedKind, out var surveyKind)
                    ? surveyKind.Scale() : ((int Min, int Max)?)null;
                bool Fits(string v) => Reads(parser, column.Type, v)
                    && (scale is not { } s || CellParser.TryWholeNumber(v, out var n) && n >= s.Min && n <= s.Max);
                var values = Cells(sample, position).Select(v => v.Trim()).Where(v => v.Length > 0)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(v => translated.Keys.Contains(v, StringComparer.OrdinalIgnoreCase) || !Fits(v))
                    .Order(StringComparer.OrdinalIgnoreCase).ToList();
                if (values.Count > 0)
                {
                    unknown.Add(new UnknownValues(kindIndex, mapped.Kind, column.Name, sample.Headers[position],
                        column.Type, values.Take(MaxValues).ToList(), values.Count > MaxValues));
                }
            }
        }

        var previews = new List<KindPreview>();
        foreach (var (mapped, layout) in layouts)
        {
            var rows = new List<PreviewRow>();
            var values = new object?[layout.Columns.Count];
            foreach (var (fields, index) in sample.Rows.Take(previewRows).Select((r, i) => (r.ToList(), i)))
            {
                // Approximate for records spanning lines; the import reports exact lines.
                var line = index + 2L + mapping.SkipRows;
                if (layout.Skips(fields))
                {
                    rows.Add(new PreviewRow(line, true, [], []));
                    continue;
                }
                var errors = new ImportErrors(20);
                layout.Parse(line, fields, parser, values, out _, errors);
                rows.Add(new PreviewRow(line, false, values.Select(v => Show(v, timeZone)).ToList(), errors.Sorted()));
            }
            previews.Add(new KindPreview(mapped.Kind, layout.Columns.Select(c => c.Name).ToList(), rows));
        }
        return new MappingCheck(dates ?? DetectDates(sample, layouts), unknown, previews, problems.Sorted())
        {
            Units = UnchosenUnits(sample, mapping),
        };
    }

    /// <summary>
    /// The first response and resolution columns mapped without a unit whose values are numbers or hh:mm:ss: read as
    /// timestamps every row would fail, and a number's unit is not guessed.
    /// </summary>
    public static IReadOnlyList<UnchosenUnit> UnchosenUnits(FilePreview sample, ImportMapping mapping)
    {
        var unchosen = new List<UnchosenUnit>();
        foreach (var (mapped, kindIndex) in mapping.Kinds.Select((k, i) => (k, i)))
        {
            foreach (var column in mapped.Kind.Columns().Where(c => DurationUnits.Takes(mapped.Kind, c.Name)))
            {
                if (mapped.Source(column.Name) is not { Header: { } header, Unit: null })
                    continue;
                var position = sample.Headers.Select(ImportKinds.NormalizeHeader).ToList()
                    .IndexOf(ImportKinds.NormalizeHeader(header));
                if (position >= 0 && IsDurations(Cells(sample, position)))
                    unchosen.Add(new UnchosenUnit(kindIndex, column.Name, sample.Headers[position]));
            }
        }
        return unchosen;
    }

    private static bool IsDurations(IEnumerable<string> cells) =>
        ColumnProfile.Of(cells).Kind is ValueKind.Number or ValueKind.Duration;

    /// <summary>
    /// How the file writes its dates, from the first rows (mapping.Dates plays no part: this is what decides it).
    /// </summary>
    public static DateDetection DetectDates(FilePreview sample, ImportMapping mapping) =>
        DetectDates(Records(sample, mapping), Layouts(sample, mapping, new ImportErrors(100)));

    /// <summary>The sample without the rows the mapping skips (<see cref="ImportMapping.SkipRows"/>).</summary>
    private static FilePreview Records(FilePreview sample, ImportMapping mapping) =>
        mapping.SkipRows > 0 ? sample with { Rows = [.. sample.Rows.Skip(mapping.SkipRows)] } : sample;

    /// <summary>
    /// From the mapped date columns, and any column whose values all read as dates in some form (before it is mapped).
    /// </summary>
    private static DateDetection DetectDates(FilePreview sample, List<(MappedKind Mapped, FileLayout Layout)> layouts)
    {
        var positions = layouts
            .SelectMany(l => l.Layout.Columns.Where(c => c.Type is ColumnType.Timestamp or ColumnType.Date)
                .Select(c => l.Layout.PositionOf(c.Name)))
            .Where(p => p >= 0 && !IsDurations(Cells(sample, p))) // durations (a unit chosen or not) are not dates
            .Concat(Enumerable.Range(0, sample.Headers.Count)
                .Where(p => DateForms.Detect(Cells(sample, p)) is { Values: > 0, Fits.Count: > 0 }))
            .Distinct();
        return DateForms.Detect(positions.SelectMany(p => Cells(sample, p)));
    }

    private static List<(MappedKind Mapped, FileLayout Layout)> Layouts(FilePreview sample, ImportMapping mapping,
        ImportErrors problems) =>
        mapping.Kinds.Select((k, i) => (k, FileLayout.Map(k, sample.Headers, primary: i == 0, problems))).ToList();

    private static IEnumerable<string> Cells(FilePreview sample, int position) =>
        sample.Rows.Select(r => position < r.Count ? r[position] : "");

    /// <summary>
    /// Coded columns with more distinct unknown values than this are probably the wrong column: the list is cut.
    /// </summary>
    public const int MaxValues = 30;

    private static bool Reads(CellParser parser, ColumnType type, string value)
    {
        parser.Parse(type, value, out var error);
        return error is null;
    }

    /// <summary>A parsed value as the admin reads it: timestamps in the organisation's time zone.</summary>
    private static string? Show(object? value, TimeZoneInfo timeZone) => value switch
    {
        null => null,
        DateTime utc => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
