using HybridInference.Router;
using HybridInference.Router.Api;
using HybridInference.Router.Forwarding;
using HybridInference.Router.Operations;
using HybridInference.Router.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UseInlineIo();

builder.AddRouterConfiguration();
builder.AddVirtualKeys();
builder.AddLimits();
builder.AddModelRouting();
builder.AddForwarding();
builder.AddMetering();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenAiApi();
app.MapRoutingApi();
app.MapOperationsApi();
app.Run();

public partial class Program;
