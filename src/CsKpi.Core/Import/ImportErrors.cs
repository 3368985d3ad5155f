namespace CsKpi.Core.Import;

/// <summary>Collects every error, keeping the first <c>max</c> (sorted by line at the end) and counting the rest.</summary>
internal sealed class ImportErrors(int max)
{
    private readonly List<ImportError> _kept = [];
    private readonly HashSet<long> _lines = [];

    public long Total { get; private set; }
    public long RejectedRows => _lines.Count;

    public void Add(long line, string column, string? value, string reason)
    {
        Total++;
        _lines.Add(line);
        if (_kept.Count < max)
            _kept.Add(new ImportError(line, column, value, reason));
    }

    public IReadOnlyList<ImportError> Sorted() => _kept.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
}
