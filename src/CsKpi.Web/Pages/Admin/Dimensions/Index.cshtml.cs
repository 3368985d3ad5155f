using CsKpi.Core.Data;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Admin.Dimensions;

/// <summary>
/// Admin → Dimensions: the display names of the survey dimensions (the csv's dim_* columns) in every language of the
/// app. A name left empty falls back to the English one, then to the code made readable (speed → Speed).
/// </summary>
[Authorize(Policy = Policies.Admins)]
public class IndexModel(KpiDbContext db, ILogger<IndexModel> logger, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Dimension { get; set; }
    /// <summary>A name per language code (en, it, pl, nl).</summary>
    [BindProperty] public Dictionary<string, string?> Names { get; set; } = [];

    public DimensionList List { get; private set; } = new([], []);
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new DimensionSettings(db).RenameAsync(Dimension ?? "", Names, cancellationToken);
            Done = t["Names of {0} saved.", Dimension ?? ""].Value;
            logger.LogInformation("{Admin} named the dimension {Dimension}", User.Identity?.Name, Dimension);
        }
        catch (DimensionException e)
        {
            Problem = t.Translate(e);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        List = await DimensionList.LoadAllAsync(db, cancellationToken);
}
