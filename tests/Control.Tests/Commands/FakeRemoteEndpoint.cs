using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.Control.Tests.Commands;

/// <summary>
/// An OpenAI-compatible provider's <c>/v1/models</c> (no remote provider is reachable here): lists its models to a
/// caller with the right bearer key, answers 401 to anyone else, and remembers the paths it was asked for.
/// </summary>
internal sealed class FakeRemoteEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRemoteEndpoint(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public List<string> Paths { get; } = [];

    public static async Task<FakeRemoteEndpoint> StartAsync(string apiKey, params string[] models)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var remote = new FakeRemoteEndpoint(app);
        app.Use((HttpContext context, RequestDelegate next) =>
        {
            lock (remote.Paths)
            {
                remote.Paths.Add(context.Request.Path);
            }
            return next(context);
        });
        app.MapGet("/v1/models", (HttpContext context) => context.Request.Headers.Authorization == "Bearer " + apiKey
            ? Results.Json(new { @object = "list", data = models.Select(id => new { id, @object = "model", owned_by = "remote" }) })
            : Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error" } }, statusCode: 401));
        await app.StartAsync();
        remote.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return remote;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
