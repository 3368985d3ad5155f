using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CsKpi.Web.Infrastructure;

internal static class UploadSetup
{
    /// <summary>
    /// Admin uploads: the size limit (Import:MaxUploadBytes) applied to forms and to Kestrel, the background imports,
    /// and the staged files' folder (Import:StagingFolder) with its sweeper.
    /// </summary>
    public static void AddCsKpiUploads(this WebApplicationBuilder builder)
    {
        var appFolder = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<UploadOptions>().BindConfiguration("Import")
            .PostConfigure(o => o.StagingFolder = Path.GetFullPath(
                string.IsNullOrWhiteSpace(o.StagingFolder) ? Path.Combine("data", "uploads") : o.StagingFolder,
                appFolder))
            .Validate(o => o.MaxUploadBytes > 0, "Import:MaxUploadBytes must be positive.")
            .Validate(o => o.MaxLineBytes > 0, "Import:MaxLineBytes must be positive.").ValidateOnStart();
        var max = builder.Configuration.GetValue<long?>("Import:MaxUploadBytes") ?? new UploadOptions().MaxUploadBytes;
        // The multipart envelope adds a little to the file itself; the page checks the file's own length, so a file
        // just over the limit gets a clear message, and a request over this one gets it too (UploadTooLargeAttribute).
        var request = new UploadOptions { MaxUploadBytes = max }.MaxRequestBytes;
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = request);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = request);
        builder.Services.AddSingleton<ImportJobs>();
        builder.Services.AddHostedService<ImportRunner>();
        builder.Services.AddSingleton<DemoRemover>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoRemover>());
        builder.Services.AddSingleton<StagedUploads>();
        builder.Services.AddHostedService<StagedUploadSweeper>();
    }
}
