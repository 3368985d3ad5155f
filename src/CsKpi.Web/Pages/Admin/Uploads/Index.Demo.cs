using CsKpi.Core.Demo;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Admin.Uploads;

/// <summary>Admin → Upload's demo notice: while demo data is there, a button removes it, off the request
/// (<see cref="Web.Uploads.DemoRemover"/>).</summary>
public partial class IndexModel
{
    /// <summary>What the demo notice shows, null without demo data.</summary>
    public DemoNotice? Demo { get; private set; }

    public sealed record DemoNotice(bool Removing, bool Failed);

    /// <summary>Asks for the removal and shows the page again, saying it is under way.</summary>
    public IActionResult OnPostRemoveDemo()
    {
        demo.Request(User.Identity?.Name ?? "");
        return RedirectToPage();
    }

    private async Task LoadDemoAsync(CancellationToken cancellationToken)
    {
        var removing = demo.Busy;
        // A running import's bulk load may hold a table exclusively: the page shows its progress, not waits on it.
        if (!removing && jobs.AnyActive)
            return;
        Demo = removing || await DemoRemoval.IsPresentAsync(db, cancellationToken)
            ? new DemoNotice(removing, demo.LastFailed) : null;
    }
}
