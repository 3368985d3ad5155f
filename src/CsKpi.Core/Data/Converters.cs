using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CsKpi.Core.Data;

internal sealed class ChannelConverter() : ValueConverter<Channel, string>(c => c.Code(), s => ParseChannel(s))
{
    // Stored codes were checked against the list when they came in; any well-formed one reads back.
    private static Channel ParseChannel(string code) =>
        Channels.TryParse(code, out var channel) ? channel
        : throw new InvalidDataException($"Not a channel code '{code}' in the database.");
}

internal sealed class SurveyKindConverter() : ValueConverter<SurveyKind, string>(k => k.Code(), s => ParseKind(s))
{
    private static SurveyKind ParseKind(string code) =>
        SurveyKinds.TryParse(code, out var kind) ? kind
        : throw new InvalidDataException($"Unknown survey kind '{code}' in the database.");
}

internal sealed class TicketPriorityConverter()
    : ValueConverter<TicketPriority, string>(p => p.Code(), s => ParsePriority(s))
{
    private static TicketPriority ParsePriority(string code) =>
        TicketPriorities.TryParse(code, out var priority) ? priority
        : throw new InvalidDataException($"Unknown priority '{code}' in the database.");
}
