namespace CsKpi.Web.Api;

/// <summary>
/// Under /api every error is a problem document (application/problem+json), never the HTML error page: unhandled
/// exceptions answer 500, and bare status codes (401, 403, 404, 405) get a body saying which.
/// </summary>
public static class ApiErrors
{
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void UseCsKpiApiErrors(this WebApplication app) =>
        app.UseWhen(context => context.Request.IsApi(), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = context => Results.Problem(statusCode: StatusCodes.Status500InternalServerError,
                    title: "Server error", detail: "The error has been logged.").ExecuteAsync(context),
            });
            api.UseStatusCodePages(context =>
                Results.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        });
}
