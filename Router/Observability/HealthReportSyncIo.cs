using Microsoft.AspNetCore.Http.Features;

namespace HybridInference.Router.Observability;

/// <summary>
/// ServiceDefaults' health report writer serialises check data through a stream-backed <c>Utf8JsonWriter</c>, which
/// flushes synchronously; Kestrel refuses synchronous writes, so any check with data (the Router's always has some)
/// would turn <c>/health</c> into a 500. Until the writer buffers, the health paths alone may write synchronously
/// (the reports are small).
/// </summary>
internal static class HealthReportSyncIo
{
    public static IApplicationBuilder UseHealthReportSyncIo(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            if (context.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
            {
                bodyControl.AllowSynchronousIO = true;
            }
        }
        return next(context);
    });
}
