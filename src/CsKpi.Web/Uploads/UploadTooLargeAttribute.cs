using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Uploads;

/// <summary>
/// A post to the upload page larger than the request limit (Import:MaxUploadBytes and the multipart envelope) gets
/// the page with a message in the reader's language, not the bare 400 that antiforgery answers when it cannot read
/// the form, nor Kestrel's 413: it is answered unread (or as soon as the form reader hits a limit) with a redirect to
/// the page, which names the limit. Runs before antiforgery, the first to read the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadTooLargeAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
            return;
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>();
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength is { } length && length > limit)
        {
            context.Result = Refused(length);
            return;
        }
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException
            or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // A body without its length (chunked) over a limit of the form reader or of the server.
            context.Result = Refused(0);
        }
    }

    private static RedirectToPageResult Refused(long size) => new(null, new { tooLarge = size });
}
