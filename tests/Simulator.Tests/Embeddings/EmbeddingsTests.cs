using System.Net;
using System.Text.Json.Nodes;
using OpenAI.Embeddings;

namespace HybridInference.Simulator.Tests.Embeddings;

public sealed class EmbeddingsTests
{
    [Fact]
    public async Task Same_text_gives_the_same_unit_vector_and_other_text_another()
    {
        await using var factory = new SimulatorFactory();
        var embeddings = factory.CreateOpenAiClient().GetEmbeddingClient(SimulatorFactory.Model);

        var first = (await embeddings.GenerateEmbeddingAsync("vector search")).Value.ToFloats().ToArray();
        var again = (await embeddings.GenerateEmbeddingAsync("vector search")).Value.ToFloats().ToArray();
        var other = (await embeddings.GenerateEmbeddingAsync("keyword search")).Value.ToFloats().ToArray();

        Assert.Equal(1024, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(x => (double)x * x)), 4);
    }

    [Fact]
    public async Task Dimensions_are_honoured_for_every_input_of_a_batch()
    {
        await using var factory = new SimulatorFactory();
        var embeddings = factory.CreateOpenAiClient().GetEmbeddingClient(SimulatorFactory.Model);

        var result = await embeddings.GenerateEmbeddingsAsync(["one", "two", "three"], new EmbeddingGenerationOptions { Dimensions = 256 });

        Assert.Equal(3, result.Value.Count);
        Assert.All(result.Value, vector => Assert.Equal(256, vector.ToFloats().Length));
        Assert.Equal(Tokens.Count("one") + Tokens.Count("two") + Tokens.Count("three"), result.Value.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Float_and_base64_encodings_carry_the_same_vector()
    {
        await using var factory = new SimulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.PostJsonAsync("/v1/embeddings", new JsonObject
        {
            ["model"] = SimulatorFactory.Model,
            ["input"] = "same text",
            ["dimensions"] = 8,
            ["encoding_format"] = "float",
        });
        var floats = (await response.ReadJsonAsync()).GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var viaSdk = (await factory.CreateOpenAiClient().GetEmbeddingClient(SimulatorFactory.Model)
            .GenerateEmbeddingAsync("same text", new EmbeddingGenerationOptions { Dimensions = 8 })).Value.ToFloats().ToArray();

        Assert.Equal(floats, viaSdk);
    }

    [Theory]
    [InlineData("""{"model":"test-model"}""", "input", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"test-model","input":"x","dimensions":0}""", "dimensions", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"test-model","input":"x","encoding_format":"int8"}""", "encoding_format", HttpStatusCode.BadRequest)]
    [InlineData("""{"model":"nope","input":"x"}""", "model", HttpStatusCode.NotFound)]
    public async Task Bad_embedding_requests_are_refused(string body, string param, HttpStatusCode status)
    {
        await using var factory = new SimulatorFactory();

        using var response = await factory.CreateClient().PostAsync("/v1/embeddings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(param, (await response.ReadJsonAsync()).GetProperty("error").GetProperty("param").GetString());
    }
}
