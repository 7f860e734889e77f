using System.Net;
using System.Text;

namespace HybridInference.Dashboard.Status;

/// <summary>The Dashboard's first page: the health of every fabric service, as HTML and as JSON.</summary>
public static class StatusApi
{
    public static IServiceCollection AddFabricStatus(this IServiceCollection services)
    {
        services.AddHttpClient<FabricStatusProbe>(client => client.Timeout = TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/status", async (FabricStatusProbe probe, CancellationToken cancellationToken) =>
            TypedResults.Ok(await probe.ProbeAsync(cancellationToken)));
        endpoints.MapGet("/", async (FabricStatusProbe probe, CancellationToken cancellationToken) =>
            TypedResults.Content(Render(await probe.ProbeAsync(cancellationToken)), "text/html; charset=utf-8"));
        return endpoints;
    }

    private static string Render(IEnumerable<ServiceStatus> statuses)
    {
        var html = new StringBuilder("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>HybridInference</title>
            <style>body{font-family:system-ui;margin:2rem}td,th{padding:.3rem 1rem;text-align:left}
            .Healthy{color:#0a0}.Degraded{color:#b80}.Unhealthy,.Unreachable{color:#c00}</style></head>
            <body><h1>HybridInference fabric</h1><table><tr><th>Service</th><th>Status</th></tr>
            """);
        foreach (var status in statuses)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(status.Name))
                .Append("</td><td class=\"").Append(WebUtility.HtmlEncode(status.Status)).Append("\" title=\"")
                .Append(WebUtility.HtmlEncode(status.Detail)).Append("\">")
                .Append(WebUtility.HtmlEncode(status.Status)).Append("</td></tr>");
        }
        return html.Append("</table></body></html>").ToString();
    }
}
