using HybridInference.Simulator.Access;
using HybridInference.Simulator.Chat;
using HybridInference.Simulator.Completions;
using HybridInference.Simulator.Embeddings;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Faults;
using HybridInference.Simulator.Metrics;
using HybridInference.Simulator.Models;
using HybridInference.Simulator.Responses;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSimulatorEngine();

var app = builder.Build();

app.MapDefaultEndpoints(metricsPath: null);   // /health (engine check, down fault) and /alive
app.MapVllmMetrics();                         // /metrics with vLLM's names
app.MapFaultsApi();                           // /admin/faults

// OpenAI-compatible API: refused while down, then the API key; inference calls also take injected faults.
var v1 = app.MapGroup("/v1").RequireEngineUp().RequireApiKey(AccessErrors.OpenAi);
v1.MapModelsApi();
v1.MapGroup("").WithInjectedFaults().MapChatApi().MapCompletionsApi().MapResponsesApi().MapEmbeddingsApi();

app.WarmUpEngine().Run();

public partial class Program;
