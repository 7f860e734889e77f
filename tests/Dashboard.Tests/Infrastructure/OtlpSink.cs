using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.Dashboard.Tests.Infrastructure;

/// <summary>
/// Stands in for the Aspire dashboard's OTLP receiver (disabled in tests): the services export their spans here over
/// OTLP/HTTP, so they record traces and their trace ids, exactly as under the AppHost with its dashboard.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _exports;

    private OtlpSink(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>Export calls received so far.</summary>
    public long Exports => Interlocked.Read(ref _exports);

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new OtlpSink(app);
        // An empty Export*ServiceResponse is zero bytes of protobuf.
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref sink._exports);
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        sink.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
