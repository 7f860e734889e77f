using System.Net.Http.Json;
using System.Text.Json;

namespace HybridInference.Simulator.Tests.Models;

public sealed class ModelsTests
{
    [Fact]
    public async Task Model_list_names_the_configured_models_in_vllm_shape()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:Models:1"] = "bge-m3", ["Simulator:MaxModelLen"] = "8192" });

        var list = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/v1/models");
        var sdkIds = (await factory.CreateOpenAiClient().GetOpenAIModelClient().GetModelsAsync()).Value.Select(model => model.Id);

        Assert.Equal("list", list.GetProperty("object").GetString());
        var models = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([SimulatorFactory.Model, "bge-m3"], models.Select(model => model.GetProperty("id").GetString()));
        Assert.All(models, model =>
        {
            Assert.Equal("model", model.GetProperty("object").GetString());
            Assert.Equal("vllm", model.GetProperty("owned_by").GetString());
            Assert.Equal(8192, model.GetProperty("max_model_len").GetInt32());
        });
        Assert.Equal([SimulatorFactory.Model, "bge-m3"], sdkIds);
    }

    [Fact]
    public async Task Without_configured_models_the_simulator_serves_simulator_model()
    {
        await using var factory = new SimulatorFactory(new() { ["Simulator:Models:0"] = null });

        var list = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/v1/models");

        Assert.Equal("simulator-model", list.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
