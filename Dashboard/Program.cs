using HybridInference.Dashboard.Components;
using HybridInference.Dashboard.Fabric;
using HybridInference.Dashboard.Overview;
using HybridInference.Dashboard.SignIn;
using HybridInference.Dashboard.Usage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDashboardKeyRing();
builder.AddDashboardSignIn();
builder.AddFabricClients();
builder.AddOverviewSampler();
builder.AddDashboardComponents();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDashboardSignIn();
app.MapSignInApi();
app.MapUsageDownloadApi();
app.MapDashboardComponents();
app.Run();

public partial class Program;
