namespace CsKpi.Core.Import;

/// <summary>
/// The mapping step for an export from another tool, the same on Admin → Upload and in <c>cskpi mapping propose</c>:
/// the mapping proposed for a file (a saved mapping made for the same columns, else one from its headers and values),
/// or the admin's own, checked against a sample of the file — how its dates are written (null while day and month
/// cannot be told apart: the admin says), the values to translate, each with the translation proposed where one can
/// be guessed and kept in <see cref="Mapping"/>, and the first records of each kind.
/// </summary>
/// <param name="Mapping">What importing as proposed does: the file's headers in it; a saved mapping's name.</param>
public sealed record MappingProposal(ImportMapping Mapping, FilePreview Sample, MappingCheck Check, DateForm? Dates)
{
    /// <summary>Rows read to decide how dates are written and which values need translating.</summary>
    public const int SampleRows = 10_000;

    /// <summary>
    /// The proposal for <paramref name="file"/> read as <paramref name="kind"/>: the most recent mapping in
    /// <paramref name="saved"/> made for the same set of columns, else one from the headers and the values; channels
    /// read against <paramref name="channels"/> (the organisation's list; the defaults when null); the file read in
    /// <paramref name="encoding"/>, else as its bytes say.
    /// </summary>
    public static async Task<MappingProposal> ProposeAsync(Stream file, ImportKind kind, MappingStore? saved,
        TimeZoneInfo timeZone, int maxLineBytes = ImportOptions.DefaultMaxLineBytes,
        IReadOnlyList<string>? channels = null, FileEncoding? encoding = null,
        CancellationToken cancellationToken = default)
    {
        var sample = ColumnMatcher.Preview(file, SampleRows, maxLineBytes, encoding);
        var match = saved is null ? null
            : (await saved.MatchingAsync(sample.Headers, cancellationToken)).FirstOrDefault();
        var skip = DescriptiveRows.Count(sample.Rows);
        var mapping = match is not null
            ? ImportMapping.FromJson(match.Definition) with { Name = match.Name }
            : new ImportMapping
            {
                // Proposed from every row: a description row names the question (Qualtrics' "How satisfied…").
                Kinds = [ColumnMatcher.ProposeKind(kind, sample.Headers, ProposalRows(sample))],
                SkipRows = skip,
            };
        return Review(sample, mapping with { Headers = sample.Headers }, null, timeZone, channels);
    }

    /// <summary>
    /// The step for <paramref name="mapping"/> (proposed, saved, the admin's or a document's): dates as
    /// <paramref name="dates"/> says, else as the values settle them; values to translate as the mapping says, else
    /// as proposed.
    /// </summary>
    public static MappingProposal Review(FilePreview sample, ImportMapping mapping, DateForm? dates,
        TimeZoneInfo timeZone, IReadOnlyList<string>? channels = null)
    {
        var detected = MappingCheck.DetectDates(sample, mapping);
        dates ??= detected.Settled;
        mapping = mapping with { Dates = dates ?? DateForm.Iso };
        var check = MappingCheck.Run(sample, mapping, timeZone, dates: detected, channels: channels);
        if (check.Values.Count == 0)
            return new MappingProposal(mapping, sample, check, dates);
        // The preview shows the records as importing does, with the proposed translations applied at once; the
        // translated values are still listed for the admin to confirm.
        var translated = WithTranslations(mapping, check);
        return new MappingProposal(translated, sample,
            MappingCheck.Run(sample, translated, timeZone, dates: detected, channels: channels), dates);
    }

    /// <summary>The mapping with another kind fed by the same rows, proposed alongside the file's own.</summary>
    public static ImportMapping WithKind(FilePreview sample, ImportMapping mapping, ImportKind kind) =>
        mapping with
        {
            Kinds = [.. mapping.Kinds,
                ColumnMatcher.ProposeAlongside(kind, sample.Headers, mapping.Kinds[0], ProposalRows(sample))],
        };

    /// <summary>The translation of a value to translate: the mapping's, else the proposed one (or null).</summary>
    public string? Translation(UnknownValues values, string value) =>
        Mapping.Kinds[values.KindIndex].Source(values.Column)?.Values?.FirstOrDefault(x =>
            string.Equals(x.Key, value, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The first rows the proposal weighs: what the upload page read before the sample.</summary>
    private static List<IReadOnlyList<string>> ProposalRows(FilePreview sample) =>
        sample.Rows.Take(ColumnMatcher.ProposalRows).ToList();

    /// <summary>
    /// Each value to translate with the mapping's translation, else the proposed one; the mapping's translations of
    /// values not in the sample stay.
    /// </summary>
    private static ImportMapping WithTranslations(ImportMapping mapping, MappingCheck check)
    {
        var kinds = mapping.Kinds.ToList();
        foreach (var unknown in check.Values)
        {
            var kind = kinds[unknown.KindIndex];
            if (kind.Source(unknown.Column) is not { } source)
                continue;
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (from, to) in source.Values ?? new Dictionary<string, string>())
                values.TryAdd(from, to);
            foreach (var value in unknown.Values)
            {
                if (!values.ContainsKey(value) && ColumnMatcher.ProposeValue(unknown.Type, value) is { } proposed)
                    values[value] = proposed;
            }
            var columns = kind.Columns.ToDictionary(c => c.Key, c => c.Value);
            columns[unknown.Column] = source with { Values = values.Count > 0 ? values : null };
            kinds[unknown.KindIndex] = kind with { Columns = columns };
        }
        return mapping with { Kinds = kinds };
    }
}
