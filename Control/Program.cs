using HybridInference.Control;
using HybridInference.Control.Audit;
using HybridInference.Control.Catalog;
using HybridInference.Control.Changes;
using HybridInference.Control.Commands;
using HybridInference.Control.Customers;
using HybridInference.Control.Database;
using HybridInference.Control.Invoicing;
using HybridInference.Control.Keys;
using HybridInference.Control.RouterConfiguration;
using HybridInference.Control.Security;
using HybridInference.Control.Usage;

// `migrate` and `configure` are one-shot commands; anything else runs the service.
var command = OneShotCommands.Find(args);

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
builder.AddOneShotCommands();

var app = builder.Build();
if (command is not null)
{
    return await app.RunCommandAsync(command, args[1..]);
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
