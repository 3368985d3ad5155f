using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CsKpi.Web.Infrastructure;

internal static class UploadSetup
{
    /// <summary>Admin uploads: the size limit (Import:MaxUploadBytes) applied to forms and to Kestrel, and the background imports.</summary>
    public static void AddCsKpiUploads(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>().BindConfiguration("Import")
            .Validate(o => o.MaxUploadBytes > 0, "Import:MaxUploadBytes must be positive.").ValidateOnStart();
        var max = builder.Configuration.GetValue<long?>("Import:MaxUploadBytes") ?? new UploadOptions().MaxUploadBytes;
        // The multipart envelope adds a little to the file itself; the page checks the file's own length, so a file
        // just over the limit gets a clear message rather than a bare 400/413 from the form reader.
        const long envelope = 1024 * 1024;
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = max + envelope);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max + envelope);
        builder.Services.AddSingleton<ImportJobs>();
    }
}
