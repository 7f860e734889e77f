using HybridInference.Router.Caching;
using HybridInference.Router.Changes;
using HybridInference.Router.Classification;
using HybridInference.Router.Configuration;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Keys;
using HybridInference.Router.Limits;
using HybridInference.Router.Metering;
using HybridInference.Router.Observability;
using HybridInference.Router.OpenAi;
using HybridInference.Router.Operations;
using HybridInference.Router.Routing;
using HybridInference.Router.Targets;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UseInlineIo();

// The features, in the order a request meets them.
builder.AddRouterConfiguration();
builder.AddChangeNotices();
builder.AddObservability();
builder.AddVirtualKeys();
builder.AddLimits();
builder.AddClassification();
builder.AddModelRouting();
builder.AddResponseCache();
builder.AddTargets();
builder.AddForwarding();
builder.AddMetering();
builder.AddOpenAiApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenAiApi();
app.MapRoutingApi();
app.MapOperationsApi();
app.Run();

public partial class Program;
