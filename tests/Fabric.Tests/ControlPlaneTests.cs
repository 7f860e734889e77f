using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HybridInference.Fabric.Tests;

/// <summary>Keys made in Control work at the Router at once, their usage flows back to Control, and revoking stops them.</summary>
[Collection(FabricCollection.Name)]
public sealed class ControlPlaneTests(FabricFixture fabric)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_new_key_works_at_the_router_and_its_usage_reaches_control()
    {
        using var control = fabric.CreateAdminClient();
        var customer = $"fabric-{Guid.NewGuid():N}"[..20];
        (await control.PostAsJsonAsync("/v1/admin/customers", new { id = customer, name = "Fabric test" })).EnsureSuccessStatusCode();
        var key = await CreateKeyAsync(control, customer);

        using var router = fabric.App.CreateHttpClient("router", "http");
        using var response = await SendChatAsync(router, key.Secret, "llama-3.1-8b-instruct");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        // Usage is shipped in batches: wait until Control has it.
        using var report = await PollAsync(async () =>
        {
            var candidate = JsonDocument.Parse(await control.GetStringAsync(
                $"/usage?start_date={today}&end_date={tomorrow}&customer_id={customer}&group_by=model"));
            return candidate.RootElement.GetProperty("total").GetProperty("requests").GetInt64() > 0 ? candidate : null;
        });
        var usage = report.RootElement.GetProperty("total");
        Assert.Equal(1, usage.GetProperty("requests").GetInt64());
        Assert.True(usage.GetProperty("completion_tokens").GetInt64() > 0);
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        using var control = fabric.CreateAdminClient();
        var key = await CreateKeyAsync(control, "dev");
        using var router = fabric.App.CreateHttpClient("router", "http");
        using (var first = await SendChatAsync(router, key.Secret, "llama-3.1-8b-instruct"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        (await control.PostAsync($"/v1/admin/keys/{key.Id}/revoke", null)).EnsureSuccessStatusCode();

        // The change notice reaches the Router over Redis; wait for the condition, not for a fixed time.
        var refused = await PollAsync(async () =>
        {
            var response = await SendChatAsync(router, key.Secret, "llama-3.1-8b-instruct");
            return response.StatusCode == HttpStatusCode.Unauthorized ? response : null;
        });
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("authentication_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unknown_key_gets_an_openai_shaped_401()
    {
        using var router = fabric.App.CreateHttpClient("router", "http");

        using var response = await SendChatAsync(router, "sk-hi-not-a-real-key", "llama-3.1-8b-instruct");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    private static async Task<(string Id, string Secret)> CreateKeyAsync(HttpClient control, string customer)
    {
        using var response = await control.PostAsJsonAsync("/v1/admin/keys", new { customer_id = customer, name = "fabric test" });
        response.EnsureSuccessStatusCode();
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (created.RootElement.GetProperty("id").GetString()!, created.RootElement.GetProperty("key").GetString()!);
    }

    internal static Task<HttpResponseMessage> SendChatAsync(HttpClient router, string key, string model, string prompt = "Say something")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model, max_tokens = 8, messages = new[] { new { role = "user", content = prompt } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return router.SendAsync(request);
    }

    internal static async Task<T> PollAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }
            await poll.WaitForNextTickAsync(timeout.Token);
        }
    }
}
