using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// Where each canonical column sits in this file, and how a row becomes staging values: cells parsed by type, required
/// cells present, the rules between cells (timestamp order, score within its survey's scale), dim_* ratings 1–5.
/// </summary>
internal sealed class FileLayout
{
    private readonly ImportKind _kind;
    private readonly int[] _positions;
    private readonly string[] _headers;
    private readonly (string Name, int Position, string Header)[] _dimensions;
    // A mapped export only: per column, a fixed value and a translation of the file's values (null: none).
    private readonly string?[]? _constants;
    private readonly Dictionary<string, string>?[]? _translations;
    // A mapped export only: per column, the unit of a duration after created_at (null: not a duration).
    private readonly DurationUnit?[]? _units;
    private readonly int _created = -1;
    // A kind fed alongside the file's own: rows with an empty cell in this column have no record of this kind (-1:
    // every row has one).
    private readonly int _presence = -1;
    // A survey response without an id column of its own takes "<survey>:<ticket id>" (see docs/decisions.md).
    private readonly bool _derivedResponseId;

    private FileLayout(ImportKind kind, int[] positions, string[] headers, (string, int, string)[] dimensions,
        string?[]? constants = null, Dictionary<string, string>?[]? translations = null, int presence = -1,
        bool derivedResponseId = false, DurationUnit?[]? units = null)
    {
        _kind = kind;
        Columns = kind.Columns();
        _positions = positions;
        _headers = headers;
        _dimensions = dimensions;
        _constants = constants;
        _translations = translations;
        _presence = presence;
        _derivedResponseId = derivedResponseId;
        _units = units;
        if (units is not null && units.Any(u => u is not null))
            _created = Columns.ToList().FindIndex(c => c.Name == "created_at");
    }

    public ImportKind Kind => _kind;
    public IReadOnlyList<ImportColumn> Columns { get; }
    public string IdColumn => Columns[0].Name;
    public bool HasDimensions => _kind == ImportKind.Surveys;

    /// <summary>
    /// The layout of one kind fed by a mapped export: each canonical column from the file's column the mapping names,
    /// else from a fixed value, else from the column of the canonical name; translated by the mapping's values.
    /// The file's own kind (<paramref name="primary"/>) has a record on every row; another kind only on rows where its
    /// key column (the score of a survey, else the id) has a value.
    /// </summary>
    public static FileLayout Map(MappedKind mapped, IReadOnlyList<string> headers, bool primary, ImportErrors errors)
    {
        var kind = mapped.Kind;
        var normalized = headers.Select(ImportKinds.NormalizeHeader).ToList();
        var columns = kind.Columns();
        var positions = new int[columns.Count];
        var names = new string[columns.Count];
        var constants = new string?[columns.Count];
        var translations = new Dictionary<string, string>?[columns.Count];
        var units = new DurationUnit?[columns.Count];
        var mappedAtAll = false;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var source = mapped.Source(column.Name);
            positions[i] = -1;
            names[i] = column.Name;
            if (source?.Header is { } header && !string.IsNullOrWhiteSpace(header))
            {
                positions[i] = normalized.IndexOf(ImportKinds.NormalizeHeader(header));
                if (positions[i] < 0)
                    errors.Add(1, header.Trim(), null, "the mapping names a column this file does not have");
            }
            else if (source?.Value is { } value)
            {
                constants[i] = value.Trim();
            }
            else
            {
                positions[i] = normalized.IndexOf(column.Name);
            }
            if (positions[i] >= 0)
                names[i] = headers[positions[i]].Trim();
            if (source?.Values is { Count: > 0 } values)
                translations[i] = values.ToDictionary(v => v.Key.Trim(), v => v.Value.Trim(),
                    StringComparer.OrdinalIgnoreCase);
            if (source?.Unit is { } unit && positions[i] >= 0)
            {
                if (DurationUnits.Takes(kind, column.Name))
                    units[i] = unit;
                else
                    errors.Add(1, names[i], null, "only first_response_at and resolved_at can be durations");
            }
            mappedAtAll |= constants[i] is not null || translations[i] is not null || units[i] is not null;
        }

        var derivedResponseId = kind == ImportKind.Surveys && positions[0] < 0 && constants[0] is null
            && positions[4] >= 0;
        for (var i = derivedResponseId ? 1 : 0; i < columns.Count; i++)
        {
            if (positions[i] < 0 && constants[i] is null && columns[i].Required)
                errors.Add(1, columns[i].Name, null, "required column is missing from the header");
        }
        var dimensions = kind == ImportKind.Surveys
            ? normalized.Select((h, p) => (Name: h, Position: p, Header: headers[p].Trim()))
                .Where(h => h.Name.StartsWith(ImportKinds.DimensionPrefix, StringComparison.Ordinal)
                    && h.Name.Length > ImportKinds.DimensionPrefix.Length)
                .Select(h => (h.Name[ImportKinds.DimensionPrefix.Length..], h.Position, h.Header)).ToArray()
            : [];
        var key = kind == ImportKind.Surveys ? 2 : 0;
        var presence = primary || positions[key] < 0 ? -1 : key;
        if (!mappedAtAll && presence < 0 && !derivedResponseId)
            return new FileLayout(kind, positions, names, dimensions);
        return new FileLayout(kind, positions, names, dimensions, constants, translations, presence, derivedResponseId,
            units);
    }

    /// <summary>Where the file holds a canonical column: its position, or -1 (not in the file, or a fixed
    /// value).</summary>
    public int PositionOf(string column) => _positions[ColumnIndex(column)];

    /// <summary>The file's header a canonical column is read from, or null (not in the file, or a fixed
    /// value).</summary>
    public string? HeaderOf(string column) => PositionOf(column) >= 0 ? _headers[ColumnIndex(column)] : null;

    private int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
                return i;
        }
        throw new ArgumentException($"{_kind.Code()} has no column {column}.", nameof(column));
    }

    /// <summary>Whether the row has no record of this kind (a kind fed alongside the file's own, its key cell
    /// empty).</summary>
    public bool Skips(List<string> fields) =>
        _presence >= 0 && (_positions[_presence] >= fields.Count || string.IsNullOrWhiteSpace(Translate(_presence,
            fields[_positions[_presence]])));

    private string Translate(int column, string cell) =>
        _translations?[column] is { } values && values.TryGetValue(cell.Trim(), out var ours) ? ours : cell;

    public string CreateStaging()
    {
        var columns = Columns.Select(c => $"{c.Name} {c.SqlType}").Prepend("line bigint");
        if (HasDimensions)
            columns = columns.Concat(["dim_names text[]", "dim_ratings integer[]"]);
        return $"CREATE TEMP TABLE import_staging ({string.Join(", ", columns)}) ON COMMIT DROP";
    }

    public string CopyCommand()
    {
        var columns = Columns.Select(c => c.Name).Prepend("line");
        if (HasDimensions)
            columns = columns.Concat(["dim_names", "dim_ratings"]);
        return $"COPY import_staging ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>Parses one row into <paramref name="values"/>; false (with its errors recorded) when it cannot be
    /// imported.</summary>
    public bool Parse(long line, List<string> fields, CellParser parser, object?[] values, out (string[] Names,
        int[] Ratings)? dimensions, ImportErrors errors)
    {
        var before = errors.Total;
        dimensions = null;
        for (var i = 0; i < Columns.Count; i++)
        {
            var cell = _positions[i] >= 0 && _positions[i] < fields.Count ? fields[_positions[i]] : "";
            if (_constants is not null)
                cell = Translate(i, _constants[i] ?? cell);
            values[i] = null;
            if (string.IsNullOrWhiteSpace(cell))
            {
                if (Columns[i].Required && !(i == 0 && _derivedResponseId))
                    errors.Add(line, _headers[i], null, "a value is required");
                continue;
            }
            if (_units?[i] is { } unit)
            {
                values[i] = AfterCreated(unit, cell, parser, values, out var late);
                if (late is not null)
                    errors.Add(line, _headers[i], cell, late);
                continue;
            }
            values[i] = parser.Parse(Columns[i].Type, Columns[i].Type is ColumnType.Text ? cell : cell.Trim(),
                out var error, out var argument);
            if (error is not null && DurationUnits.Takes(_kind, Columns[i].Name)
                && DurationUnits.LooksLikeDuration(cell))
                (error, argument) = ("a duration, not a timestamp: choose its unit in the mapping", null);
            if (error is not null)
                errors.Add(line, _headers[i], cell, error, argument);
        }
        if (_derivedResponseId && values[1] is string survey && values[4] is string ticket)
        {
            values[0] = survey + ":" + ticket;
            if (((string)values[0]!).Length > 64)
                errors.Add(line, _headers[4], ticket, "an id is at most 64 characters");
        }
        CheckRules(line, values, errors);
        if (HasDimensions && _dimensions.Length > 0)
            dimensions = ParseDimensions(line, fields, errors);
        return errors.Total == before;
    }

    /// <summary>created_at (parsed before: an earlier column) plus the cell's duration; null when created_at is not
    /// there (its own error says why) or the cell is not a duration.</summary>
    private DateTime? AfterCreated(DurationUnit unit, string cell, CellParser parser, object?[] values,
        out string? error)
    {
        var ticks = parser.Duration(unit, cell, out error);
        if (ticks is not { } after || values[_created] is not DateTime created)
            return null;
        if (after > DateTime.MaxValue.Ticks - created.Ticks)
        {
            error = "a duration over a century: check the column and its unit";
            return null;
        }
        return created.AddTicks(after);
    }

    private void CheckRules(long line, object?[] values, ImportErrors errors)
    {
        switch (_kind)
        {
            case ImportKind.Tickets:
                // created_at, first_response_at, resolved_at: a response or resolution cannot come before the request.
                if (values[1] is DateTime created)
                {
                    if (values[6] is DateTime firstResponse && firstResponse < created)
                        errors.Add(line, _headers[6], firstResponse.ToString("O",
                            System.Globalization.CultureInfo.InvariantCulture), "first response is before created_at");
                    if (values[7] is DateTime resolved && resolved < created)
                        errors.Add(line, _headers[7], resolved.ToString("O",
                            System.Globalization.CultureInfo.InvariantCulture), "resolved_at is before created_at");
                }
                break;
            case ImportKind.Surveys:
                if (values[1] is string kindCode && SurveyKinds.TryParse(kindCode, out var kind)
                    && values[2] is int score)
                {
                    var (min, max) = kind.Scale();
                    if (score < min || score > max)
                        errors.Add(line, _headers[2], score.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            $"outside the {kind.Code()} scale {min}–{max}");
                }
                break;
            case ImportKind.Customers:
                if (values[1] is DateOnly since && values[2] is DateOnly cancelled && cancelled < since)
                    errors.Add(line, _headers[2], cancelled.ToString("yyyy-MM-dd",
                        System.Globalization.CultureInfo.InvariantCulture), "cancelled_on is before customer_since");
                break;
        }
    }

    private (string[] Names, int[] Ratings) ParseDimensions(long line, List<string> fields, ImportErrors errors)
    {
        var names = new List<string>(_dimensions.Length);
        var ratings = new List<int>(_dimensions.Length);
        foreach (var (name, position, header) in _dimensions)
        {
            var cell = position < fields.Count ? fields[position].Trim() : "";
            if (cell.Length == 0)
                continue;
            if (int.TryParse(cell, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var rating) && rating is >= 1 and <= 5)
            {
                names.Add(name);
                ratings.Add(rating);
            }
            else
            {
                errors.Add(line, header, cell, "a dimension rating is a whole number from 1 to 5");
            }
        }
        return (names.ToArray(), ratings.ToArray());
    }
}
