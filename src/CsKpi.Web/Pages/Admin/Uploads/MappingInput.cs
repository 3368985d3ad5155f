using System.Globalization;
using CsKpi.Core.Import;

namespace CsKpi.Web.Pages.Admin.Uploads;

public partial class IndexModel
{
    /// <summary>
    /// The mapping step's form: the staged upload, the kinds fed by each row (the first is the file's own), then per
    /// kind and column ("0.channel": kind 0, column channel) the file's column or a fixed value, and the value
    /// translations. <see cref="ToMapping"/> reads it as a mapping; <see cref="Show"/> fills it in from one.
    /// </summary>
    public sealed class MappingInput
    {
        public string Kind { get; set; } = ImportKind.Tickets.Code();
        /// <summary>The staged file waiting for its mapping.</summary>
        public Guid? Upload { get; set; }
        public string? FileName { get; set; }
        /// <summary>The encoding the file is read in (<see cref="FileEncodings.Code"/>); empty: detected.</summary>
        public string? Encoding { get; set; }
        /// <summary>The encoding <see cref="Encoding"/> names, when it names one we read.</summary>
        public FileEncoding? ChosenEncoding => FileEncodings.TryParse(Encoding, out var chosen) ? chosen : null;
        public List<string> Kinds { get; set; } = [];
        public List<ColumnChoice> ColumnChoices { get; set; } = [];
        public List<ValueChoice> ValueChoices { get; set; } = [];
        public string? Dates { get; set; }
        public bool AgentsByName { get; set; }
        public bool CreateAgents { get; set; }
        public string? TeamHeader { get; set; }
        /// <summary>Rows under the header that describe the columns (a survey tool's question texts): skipped.
        /// </summary>
        public int SkipRows { get; set; }
        public string? SaveAs { get; set; }
        public string? AddKind { get; set; }
        public int? RemoveKind { get; set; }
        /// <summary>A mapping document to fill the step in from (the load button).</summary>
        public IFormFile? Document { get; set; }
        /// <summary>The button pressed: add, check, export, load, import or cancel.</summary>
        public string? Step { get; set; }

        /// <summary>A value translation to a channel the list does not have yet: "+self_service".</summary>
        public const string NewChannelMark = "+";

        public ImportMapping ToMapping()
        {
            var fallback = ImportKinds.TryParse(Kind, out var own) ? own : ImportKind.Tickets;
            var kinds = Kinds.Count > 0 ? Kinds : [Kind];
            var mapped = kinds.Select((code, index) =>
                new MappedKind(ImportKinds.TryParse(code, out var kind) ? kind : fallback, Columns(index))).ToList();
            return new ImportMapping
            {
                Kinds = mapped,
                Dates = DateForms.TryParse(Dates, out var dates) ? dates : DateForm.Iso,
                AgentsByName = AgentsByName,
                CreateAgents = AgentsByName && CreateAgents,
                TeamHeader = string.IsNullOrWhiteSpace(TeamHeader) ? null : TeamHeader,
                SkipRows = Math.Clamp(SkipRows, 0, DescriptiveRows.Max),
                NewChannels = NewChannels() is { Count: > 0 } added ? added : null,
            };
        }

        /// <summary>The new channels the value translations point at, named as the file writes them.</summary>
        private List<NewChannel> NewChannels() => [.. ValueChoices
            .Where(v => v.To?.Trim() is { Length: > 1 } to && to.StartsWith(NewChannelMark, StringComparison.Ordinal))
            .GroupBy(v => v.To!.Trim()[NewChannelMark.Length..], StringComparer.Ordinal)
            .Select(g => new NewChannel(g.Key, g.First().From.Trim()))];

        /// <summary>Sets the form to the proposal's mapping, with the values to translate that its check found in the
        /// sample (each with the mapping's translation, else the proposed one).</summary>
        public void Show(MappingProposal proposal)
        {
            var (mapping, preview) = (proposal.Mapping, proposal.Sample);
            Kind = mapping.Kind.Code();
            Kinds = [.. mapping.Kinds.Select(k => k.Kind.Code())];
            ColumnChoices = [.. mapping.Kinds.SelectMany((k, i) => k.Kind.Columns().Select(c => new ColumnChoice
            {
                Target = Target(i, c.Name),
                Header = k.Source(c.Name)?.Header is { } header ? preview.Headers.FirstOrDefault(h =>
                    ImportKinds.NormalizeHeader(h) == ImportKinds.NormalizeHeader(header)) : null,
                Fixed = k.Source(c.Name)?.Value,
                Unit = k.Source(c.Name)?.Unit?.Code(),
            }))];
            ValueChoices = [.. proposal.Check.Values.SelectMany(u => u.Values.Select(v => new ValueChoice
            {
                Target = Target(u.KindIndex, u.Column),
                From = v,
                To = Marked(mapping, proposal.Translation(u, v)),
            }))];
            AgentsByName = mapping.AgentsByName;
            CreateAgents = mapping.CreateAgents;
            TeamHeader = mapping.TeamHeader;
            SkipRows = mapping.SkipRows;
        }

        /// <summary>A translation as the form shows it: marked when it is one of the mapping's new channels.
        /// </summary>
        private static string? Marked(ImportMapping mapping, string? to) =>
            to is not null && mapping.NewChannels?.Any(c => c.Code == to) == true ? NewChannelMark + to : to;

        /// <summary>A kind's column as the form names it: "0.channel".</summary>
        public static string Target(int kindIndex, string column) =>
            kindIndex.ToString(CultureInfo.InvariantCulture) + "." + column;

        /// <summary>The columns of the kind at <paramref name="index"/>: each from a header or a fixed value.</summary>
        private Dictionary<string, ColumnSource> Columns(int index)
        {
            var prefix = Target(index, "");
            var columns = new Dictionary<string, ColumnSource>();
            foreach (var choice in ColumnChoices.Where(c => c.Target.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var values = ValueChoices.Where(v => v.Target == choice.Target && !string.IsNullOrWhiteSpace(v.To))
                    .GroupBy(v => v.From.Trim(), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => Unmarked(g.First().To!.Trim()), StringComparer.OrdinalIgnoreCase);
                var fromHeader = !string.IsNullOrWhiteSpace(choice.Header);
                var source = new ColumnSource
                {
                    Header = fromHeader ? choice.Header : null,
                    Value = !fromHeader && !string.IsNullOrWhiteSpace(choice.Fixed) ? choice.Fixed.Trim() : null,
                    Values = values.Count > 0 ? values : null,
                    Unit = fromHeader && DurationUnits.TryParse(choice.Unit, out var unit) ? unit : null,
                };
                if (!source.IsEmpty)
                    columns[choice.Target[prefix.Length..]] = source;
            }
            return columns;
        }
    }

    private static string Unmarked(string to) =>
        to.StartsWith(MappingInput.NewChannelMark, StringComparison.Ordinal) ? to[MappingInput.NewChannelMark.Length..]
        : to;

    public sealed class ColumnChoice
    {
        public string Target { get; set; } = "";
        public string? Header { get; set; }
        public string? Fixed { get; set; }
        /// <summary>A duration's unit code (first response, resolution); empty: a timestamp.</summary>
        public string? Unit { get; set; }
    }

    public sealed class ValueChoice
    {
        public string Target { get; set; } = "";
        public string From { get; set; } = "";
        public string? To { get; set; }
    }
}
