using System.Globalization;
using System.Text;
using CsKpi.Core.Import;

namespace CsKpi.Cli.Commands;

/// <summary>
/// A mapping in words for the terminal: what <c>cskpi mapping propose</c> leaves to the admin (what the upload page
/// asks), the mapping as a table, its kinds.
/// </summary>
internal static class MappingNotes
{
    /// <summary>What the proposal could not settle, one line each: imported as is, those rows are refused.</summary>
    public static List<string> Of(MappingProposal proposal)
    {
        var notes = new List<string>();
        if (proposal.Mapping.Name is { } saved)
            notes.Add($"the saved mapping '{saved}' was made for these columns: it is proposed as saved.");
        var dates = proposal.Check.Dates;
        if (proposal.Dates is null && dates.Ambiguous)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"dates could be day first or month first (no day " +
                $"above 12 in {dates.Values:N0} values): set \"dates\" to \"dayFirst\" or \"monthFirst\"."));
        else if (dates.Values > 0 && dates.Fits.Count == 0)
            notes.Add("no date form reads every value of the date columns: check that the right columns are chosen.");
        foreach (var unknown in proposal.Check.Values)
        {
            var untranslated = unknown.Values.Where(v => proposal.Translation(unknown, v) is null).ToList();
            if (untranslated.Count > 0)
                notes.Add($"{unknown.Kind.Code()}.{unknown.Column} ({unknown.Header}): no translation proposed for " +
                    $"{string.Join(", ", untranslated.Select(v => $"'{v}'"))}{(unknown.More ? " and more" : "")}: " +
                    "add them under \"values\", or rows with them are refused.");
        }
        return notes;
    }

    /// <summary>Each kind's columns and where they come from, then the dates and agents.</summary>
    public static string Table(ImportMapping mapping)
    {
        var text = new StringBuilder();
        foreach (var (kind, index) in mapping.Kinds.Select((k, i) => (k, i)))
        {
            text.Append(index == 0 ? "each row is one of: " : "each row may also give one of: ")
                .Append(kind.Kind.Code()).Append('\n');
            var width = kind.Kind.Columns().Max(c => c.Name.Length);
            foreach (var column in kind.Kind.Columns())
            {
                var source = kind.Source(column.Name);
                var from = source is null ? "(not in this file)"
                    : source.Header is { } header ? "← " + header : "= " + source.Value;
                text.Append("  ").Append(column.Name.PadRight(width)).Append("  ").Append(from);
                if (source?.Values is { Count: > 0 } values)
                    text.Append("  (").AppendJoin(", ", values.Select(v => $"{v.Key} → {v.Value}")).Append(')');
                text.Append('\n');
            }
        }
        text.Append("dates: ").Append(mapping.Dates.Code()).Append('\n')
            .Append("agents by name: ").Append(mapping.AgentsByName ? "yes" : "no");
        if (mapping.AgentsByName && mapping.CreateAgents)
            text.Append(", created when not found").Append(mapping.TeamHeader is { } team ? $" (team: {team})" : "");
        return text.Append('\n').ToString();
    }

    public static string Kinds(ImportMapping mapping) =>
        string.Join(", ", mapping.Kinds.Select(k => k.Kind.Code()).Distinct());

    /// <summary>The file's columns the mapping reads.</summary>
    public static List<string> HeadersRead(ImportMapping mapping) =>
        [.. mapping.Kinds.SelectMany(k => k.Columns.Values).Select(s => s.Header).Append(mapping.TeamHeader)
            .Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)];
}
