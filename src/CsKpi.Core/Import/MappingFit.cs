namespace CsKpi.Core.Import;

/// <summary>
/// How a saved mapping fits a file: the columns it reads that the file lacks, the file's columns the saved file did
/// not have (the mapping would leave them unused), and the targets it would leave unmapped. Only an identical fit is
/// applied without the admin seeing what differs.
/// </summary>
public sealed record MappingFit(IReadOnlyList<string> Missing, IReadOnlyList<string> New,
    IReadOnlyList<MappingTarget> Unmapped)
{
    public bool Identical => Missing.Count == 0 && New.Count == 0 && Unmapped.Count == 0;

    /// <param name="savedHeaders">The headers of the file the mapping was saved with.</param>
    public static MappingFit Of(ImportMapping mapping, IReadOnlyList<string> savedHeaders,
        IReadOnlyList<string> fileHeaders)
    {
        var file = fileHeaders.Select(ImportKinds.NormalizeHeader).ToHashSet();
        var saved = savedHeaders.Select(ImportKinds.NormalizeHeader).ToHashSet();
        bool Lacks(string? header) => header is not null && !file.Contains(ImportKinds.NormalizeHeader(header));
        var used = mapping.Kinds.SelectMany(k => k.Columns.Values).Select(s => s.Header)
            .Append(mapping.TeamHeader).Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h!.Trim());
        var missing = used.Where(Lacks).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var added = fileHeaders.Where(h => !saved.Contains(ImportKinds.NormalizeHeader(h))).Select(h => h.Trim())
            .ToList();
        var unmapped = mapping.Kinds.SelectMany(k => k.Columns
                .Where(c => string.IsNullOrWhiteSpace(c.Value.Value) && Lacks(c.Value.Header))
                .Select(c => new MappingTarget(k.Kind, c.Key)))
            .Distinct().ToList();
        return new MappingFit(missing, added, unmapped);
    }

    /// <summary>The mapping without the columns this file lacks: what the mapping step can show and import.</summary>
    public ImportMapping Trim(ImportMapping mapping)
    {
        var missing = Missing.Select(ImportKinds.NormalizeHeader).ToHashSet();
        bool Lacks(string? header) => header is not null && missing.Contains(ImportKinds.NormalizeHeader(header));
        return mapping with
        {
            Kinds = [.. mapping.Kinds.Select(k => k with
            {
                Columns = k.Columns.Where(c => !Lacks(c.Value.Header) || !string.IsNullOrWhiteSpace(c.Value.Value))
                    .ToDictionary(c => c.Key, c => Lacks(c.Value.Header) ? c.Value with { Header = null } : c.Value),
            })],
            TeamHeader = Lacks(mapping.TeamHeader) ? null : mapping.TeamHeader,
        };
    }
}

/// <summary>A canonical column of a kind the mapping feeds.</summary>
public sealed record MappingTarget(ImportKind Kind, string Column)
{
    public override string ToString() => $"{Kind.Code()}.{Column}";
}
