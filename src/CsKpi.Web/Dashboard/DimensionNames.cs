using System.Globalization;
using CsKpi.Core.Data;

namespace CsKpi.Web.Dashboard;

/// <summary>Survey dimensions as a page shows them: by their display name in the page's language.</summary>
public sealed class DimensionNames(DimensionList list, string language)
{
    /// <summary>The display name of a dimension code (speed → the admin's name, else Speed).</summary>
    public string Of(string dimension) => list.Name(dimension, language);

    /// <summary>The names, in the current request's language.</summary>
    public static async Task<DimensionNames> LoadAsync(KpiDbContext db, CancellationToken cancellationToken) =>
        new(await DimensionList.LoadAsync(db, cancellationToken),
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
