using CsKpi.Core.Data;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Admin.Channels;

/// <summary>
/// Admin → Channels: the organisation's channel list — add a channel (its code and a name in every language of the
/// app), rename one. None is removed: tickets, interactions and targets keep their channel's code.
/// </summary>
[Authorize(Policy = Policies.Admins)]
public class IndexModel(KpiDbContext db, ILogger<IndexModel> logger, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    /// <summary>A name per language code (en, it, pl, nl).</summary>
    [BindProperty] public Dictionary<string, string?> Names { get; set; } = [];

    public IReadOnlyList<ListedChannel> Channels { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    /// <summary>The add form keeps what was typed when it was refused.</summary>
    public bool AddRefused { get; private set; }
    /// <summary>The channel whose rename was refused: its row keeps what was typed.</summary>
    public string? RenameRefused { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            var channel = await new ChannelSettings(db).AddAsync(Code ?? "", Names, cancellationToken);
            Done = t["Channel {0} added.", channel.Code()].Value;
            logger.LogInformation("{Admin} added the channel {Channel}", User.Identity?.Name, channel.Code());
        }
        catch (ChannelException e)
        {
            Problem = t.Translate(e);
            AddRefused = true;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new ChannelSettings(db).RenameAsync(Code ?? "", Names, cancellationToken);
            Done = t["Names of {0} saved.", Code ?? ""].Value;
            logger.LogInformation("{Admin} renamed the channel {Channel}", User.Identity?.Name, Code);
        }
        catch (ChannelException e)
        {
            Problem = t.Translate(e);
            RenameRefused = Code;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>What a name field shows: what was typed if its form was refused, else the stored name.</summary>
    public string? NameShown(ListedChannel? channel, string language) =>
        (channel is null ? AddRefused : RenameRefused == channel.Code) ? Names.GetValueOrDefault(language)
        : channel?.Name(language);

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Channels = (await ChannelList.LoadAsync(db, cancellationToken)).Entries;
}
