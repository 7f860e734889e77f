using HybridInference.Control;
using HybridInference.Control.Audit;
using HybridInference.Control.Catalog;
using HybridInference.Control.Changes;
using HybridInference.Control.Customers;
using HybridInference.Control.Database;
using HybridInference.Control.Invoicing;
using HybridInference.Control.Keys;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Security;
using HybridInference.Control.Usage;

// `migrate` and `configure` are one-shot commands; anything else runs the service.
var command = args is [var first, ..] && first is "migrate" or "configure" ? first : null;

var builder = WebApplication.CreateBuilder(command is null ? args : []);
builder.AddServiceDefaults();
builder.AddControlBasics();
builder.AddControlDatabase();
builder.AddControlSecurity();
builder.AddChangeNotices();
builder.AddRouterConfiguration();
builder.AddKeys();
builder.AddUsage();
builder.AddInvoicing();

var app = builder.Build();
if (command == "migrate")
{
    await app.Services.MigrateControlDbAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    return 0;
}
if (command == "configure")
{
    await app.Services.PrepareDatabaseAsync();
    await using var scope = app.Services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<ConfigureCommand>()
        .RunAsync(args[1..], Console.In, Console.Out, interactive: !Console.IsInputRedirected, CancellationToken.None);
}

// Every error is a problem details body: exceptions, and statuses answered without a body (401, 403, unknown routes).
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapCustomersApi();
app.MapKeysApi();
app.MapCatalogApi();
app.MapConfigApi();
app.MapAuditApi();
app.MapUsageApi();
app.MapInvoicingApi();
app.MapPublicCatalogApi();
await app.RunAsync();
return 0;

public partial class Program;
