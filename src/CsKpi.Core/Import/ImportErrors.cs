namespace CsKpi.Core.Import;

/// <summary>Collects every error, keeping the first <c>max</c> (sorted by line at the end) and counting the
/// rest.</summary>
internal sealed class ImportErrors(int max)
{
    private readonly List<ImportError> _kept = [];
    private readonly HashSet<long> _lines = [];
    // A cell read for two kinds (a mapped export) fails twice the same way: listed once (among the kept errors; past
    // the cap only counted, so a huge broken file costs no memory).
    private readonly HashSet<(long, string, string)> _seen = [];

    public long Total { get; private set; }
    public long RejectedRows => _lines.Count;

    /// <param name="reason">A fixed text; <c>{0}</c> in it stands for <paramref name="argument"/>.</param>
    public void Add(long line, string column, string? value, string reason, string? argument = null)
    {
        if (_kept.Count < max && !_seen.Add((line, column, reason)))
            return;
        Total++;
        _lines.Add(line);
        // A cell may be up to a line long (Import:MaxLineBytes): a thousand kept errors keep a readable start of each.
        if (_kept.Count < max)
            _kept.Add(new ImportError(line, column, value is { Length: > 1000 } ? value[..1000] + "…" : value,
                reason, argument));
    }

    public IReadOnlyList<ImportError> Sorted() => _kept.OrderBy(e => e.Line).ThenBy(e => e.Column,
        StringComparer.Ordinal).ToList();
}
