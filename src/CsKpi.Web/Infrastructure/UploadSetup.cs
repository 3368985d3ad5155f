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
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = max);
        // The multipart envelope adds a little to the file itself.
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max + (1024 * 1024));
        builder.Services.AddSingleton<ImportJobs>();
    }
}
