using HybridInference.Bench.Upstream;

// The overhead runs need an upstream that costs next to nothing, so every microsecond measured is the proxy's:
// fixed bytes, no logging, no telemetry.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapPost("/v1/chat/completions", ChatCompletions.HandleAsync);
app.MapGet("/v1/models", context => FixedResponses.WriteJsonAsync(context, FixedResponses.Models));
app.MapPost("/v1/classify", Classify.HandleAsync);
app.MapGet("/health", context => FixedResponses.WriteTextAsync(context, "ok"u8.ToArray()));
app.MapGet("/metrics", context => FixedResponses.WriteTextAsync(context, []));
app.Run();
