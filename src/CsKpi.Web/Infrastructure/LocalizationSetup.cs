using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CsKpi.Web.Infrastructure;

internal static class LocalizationSetup
{
    /// <summary>The languages of the UI: English (the default), Italian, Polish, Dutch.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
        [("en", "English"), ("it", "Italiano"), ("pl", "Polski"), ("nl", "Nederlands")];

    public static void AddCsKpiLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Select(l => new CultureInfo(l.Code)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The language picker's cookie first, then ?culture=, then the browser's Accept-Language.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new QueryStringRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }
}
