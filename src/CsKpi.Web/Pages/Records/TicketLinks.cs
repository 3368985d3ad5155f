namespace CsKpi.Web.Pages.Records;

/// <summary>
/// Where a ticket id links to: <c>Organization:TicketUrl</c> with <c>{id}</c> replaced by the ticket's source id,
/// URL-encoded (issue #19 point 5). Without the setting, ids are plain text.
/// </summary>
public sealed class TicketLinks(string? template)
{
    public const string Placeholder = "{id}";

    public static readonly TicketLinks None = new(null);

    public string? For(string ticketId) =>
        string.IsNullOrWhiteSpace(template) ? null
        : template.Replace(Placeholder, Uri.EscapeDataString(ticketId), StringComparison.Ordinal);

    /// <summary>
    /// Empty, or an absolute http(s) address with <c>{id}</c> in it: anything else (<c>javascript:</c>, a relative
    /// path) is refused at start-up rather than put in a link.
    /// </summary>
    public static bool IsValid(string? template) =>
        string.IsNullOrWhiteSpace(template)
        || (template.Contains(Placeholder, StringComparison.Ordinal)
            && Uri.TryCreate(template.Replace(Placeholder, "1", StringComparison.Ordinal), UriKind.Absolute,
                out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
