using HybridInference.Dashboard.Status;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddFabricStatus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStatusApi();
app.Run();

public partial class Program;
