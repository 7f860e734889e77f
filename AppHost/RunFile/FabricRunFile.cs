using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.AppHost.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost.RunFile;

/// <summary>
/// Writes <c>.hybrid/run.json</c> once every resource is healthy — URLs, the dev key, the admin token and the
/// dashboard's login link — so scripts find the fabric without scraping logs; removes it on shutdown.
/// </summary>
internal sealed partial class FabricRunFile(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    FabricSecrets secrets,
    FabricEnvironment fabric,
    IConfiguration configuration,
    ILogger<FabricRunFile> logger) : BackgroundService
{
    public string Path { get; } = System.IO.Path.Combine(fabric.StateDirectory, "run.json");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resources with health checks are the fabric's own; Aspire's hidden helpers (e.g. project rebuilders) have none.
        var resources = model.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any()).ToList();
        try
        {
            await Task.WhenAll(resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var document = new JsonObject
        {
            ["resources"] = Describe(resources),
            ["devKey"] = await secrets.DevKey.GetValueAsync(stoppingToken),
            ["adminToken"] = await secrets.AdminToken.Resource.GetValueAsync(stoppingToken),
            ["dashboard"] = DashboardLoginUrl(),
        };
        // Scripts poll for the file and read it as soon as it exists, so it appears whole: written aside, then renamed.
        Directory.CreateDirectory(fabric.StateDirectory);
        var written = Path + ".tmp";
        await File.WriteAllTextAsync(written, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), stoppingToken);
        File.Move(written, Path, overwrite: true);
        LogReady(logger, Path, DashboardLoginUrl() ?? "(no dashboard)");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to remove when the fabric never started (publishing) and the state folder does not exist.
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
        await base.StopAsync(cancellationToken);
    }

    private static JsonObject Describe(IEnumerable<IResource> resources)
    {
        var described = new JsonObject();
        foreach (var resource in resources)
        {
            var endpoint = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.AllocatedEndpoint is not null);
            described[resource.Name] = new JsonObject
            {
                ["url"] = endpoint?.AllocatedEndpoint?.UriString,
                ["state"] = "healthy",
            };
        }
        return described;
    }

    private string? DashboardLoginUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        var token = configuration["AppHost:BrowserToken"];
        return url is null ? null : token is null ? url : $"{url.TrimEnd('/')}/login?t={token}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fabric is healthy: {RunFile} written. Aspire dashboard: {Dashboard}")]
    private static partial void LogReady(ILogger logger, string runFile, string dashboard);
}
