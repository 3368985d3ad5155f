using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Model;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// The organisation's channels as a page shows them: in the list's order, each by its display name in the page's
/// language.
/// </summary>
public sealed class ChannelNames(ChannelList list, string language)
{
    public IReadOnlyList<Channel> All => list.All;

    public ChannelList List => list;

    /// <summary>The channel's display name (its code when it is not listed).</summary>
    public string this[Channel channel] => list.Name(channel, language);

    /// <summary>The display name of a stored code (a breakdown's group key); the text itself when not a code.
    /// </summary>
    public string Of(string? code) => Channels.TryParse(code, out var channel) ? this[channel] : code ?? "";

    /// <summary>The list, named in the current request's language.</summary>
    public static async Task<ChannelNames> LoadAsync(KpiDbContext db, CancellationToken cancellationToken) =>
        new(await ChannelList.LoadAsync(db, cancellationToken), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
