using HybridInference.Dashboard.Fabric;

namespace HybridInference.Dashboard.Usage;

/// <summary>The usage page's CSV download: Control's CSV for the chosen range and filters, behind the Dashboard's sign-in.</summary>
internal static class UsageDownloadApi
{
    public static IEndpointRouteBuilder MapUsageDownloadApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/usage.csv", async (ControlApi control, string start, string end, string? group_by, string? customer, string? key, string? model,
            CancellationToken cancellationToken) =>
        {
            var groupBy = group_by ?? "day";
            var csv = await control.UsageCsvAsync(start, end, groupBy, customer, key, model, cancellationToken);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"usage-{start}-{end}-by-{groupBy}.csv");
        }).RequireAuthorization();
        return endpoints;
    }
}
