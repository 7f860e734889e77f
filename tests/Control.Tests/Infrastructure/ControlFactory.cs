using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Control.Tests.Infrastructure;

/// <summary>Control in-process against a test database, with known tokens, the scheduler off and no invoice export unless asked.</summary>
internal sealed class ControlFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";
    public const string InternalToken = "test-internal-token";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:controldb"] = connectionString,
            ["Control:AdminToken"] = AdminToken,
            ["Control:InternalToken"] = InternalToken,
            ["Control:Invoicing:SchedulerEnabled"] = "false",
            ["Control:Invoicing:Sink"] = "none",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
        if (time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(time));
        }
    }

    public HttpClient Admin() => WithToken(AdminToken);

    public HttpClient Internal() => WithToken(InternalToken);

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
