using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OpenAI;
using OpenAI.Chat;

namespace HybridInference.Fabric.Tests;

/// <summary>The Foundation's promise: the whole fabric comes up and answers an OpenAI request through the Router.</summary>
[Collection(FabricCollection.Name)]
public sealed class FirstRequestTests(FabricFixture fabric)
{
    private const string CodingModel = "qwen2.5-coder-7b-instruct";

    private ChatClient Chat(string model) => new(model, new ApiKeyCredential(fabric.DevKey),
        new OpenAIClientOptions { Endpoint = new Uri(fabric.RouterEndpoint, "/v1") });

    [Fact]
    public async Task Chat_completion_through_the_router_is_answered_by_a_simulator()
    {
        ChatCompletion completion = await Chat(CodingModel).CompleteChatAsync([new UserChatMessage("Write hello world in C#")]);

        Assert.Equal(CodingModel, completion.Model);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.True(completion.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task Streamed_chat_completion_arrives_in_several_chunks_with_usage()
    {
        var chunks = 0;
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in Chat(CodingModel).CompleteChatStreamingAsync(
            [new UserChatMessage("Explain a for loop")], new ChatCompletionOptions { MaxOutputTokenCount = 24 }))
        {
            chunks++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
        }

        Assert.True(chunks > 2, $"expected a stream of chunks, got {chunks}");
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.NotNull(usage);
        Assert.Equal(24, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Models_listing_names_the_fabric_models()
    {
        using var router = fabric.CreateRouterClient();

        using var models = JsonDocument.Parse(await router.GetStringAsync("/v1/models"));

        var ids = models.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains(CodingModel, ids);
        Assert.Contains("llama-3.1-8b-instruct", ids);
    }

    [Fact]
    public async Task Control_applied_its_migrations_to_the_real_postgres()
    {
        await using var connection = new NpgsqlConnection(await fabric.App.GetConnectionStringAsync("controldb"));
        await connection.OpenAsync();

        var applied = await new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection).ExecuteScalarAsync();

        Assert.True(Convert.ToInt64(applied, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Classifier_answers_inside_the_fabric()
    {
        using var classifier = fabric.App.CreateHttpClient("classifier", "http");

        using var response = await classifier.PostAsJsonAsync("/v1/classify", new { input = "def add(a, b): return a + b", tasks = new[] { "domain" } });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("coding", body.RootElement.GetProperty("results")[0].GetProperty("domain").GetProperty("label").GetString());
    }

    [Fact]
    public void Run_file_lists_every_service_and_the_secrets()
    {
        var resources = fabric.RunFile.GetProperty("resources");
        foreach (var name in new[] { "router", "classifier", "control", "dashboard", "postgres", "controldb", "redis", "vllm-coding", "vllm-general", "cloud" })
        {
            Assert.Equal("healthy", resources.GetProperty(name).GetProperty("state").GetString());
        }
        Assert.Equal(fabric.RouterEndpoint.ToString().TrimEnd('/'), resources.GetProperty("router").GetProperty("url").GetString()!.TrimEnd('/'));
        Assert.StartsWith("sk-hi-", fabric.DevKey);
        Assert.False(string.IsNullOrEmpty(fabric.AdminToken));
    }
}
