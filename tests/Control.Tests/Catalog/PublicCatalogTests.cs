using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Tests.Catalog;

public sealed class PublicCatalogTests(PostgresServer postgres) : ControlTestBase(postgres)
{
    private const string Manifest = """
        apiVersion: kubeai.org/v1
        kind: Model
        metadata:
          name: llama-3.3-70b-fp8
          annotations:
            openrouter.ai/json: |
              {"id": "meta-llama/llama-3.3-70b-instruct", "name": "Llama 3.3 70B", "hugging_face_id": "meta-llama/Llama-3.3-70B-Instruct",
               "context_length": 131072, "max_output_length": 8192, "quantization": "fp8",
               "input_modalities": ["text"], "output_modalities": ["text"],
               "supported_sampling_parameters": ["temperature", "top_p", "stop"], "supported_features": ["tools", "json_mode"],
               "pricing": {"prompt": "0.00000023", "completion": "0.0000004", "request": "0", "image": "0", "input_cache_read": "0.0000001"},
               "datacenters": [{"country_code": "DE"}, {"country_code": "FR"}]}
        spec:
          features: [TextGeneration]
          url: hf://meta-llama/Llama-3.3-70B-Instruct
          engine: VLLM
        """;

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Control:SeedConfigFile"] = RouterYamlPath };

    [Fact]
    public async Task KubeAi_manifest_imports_into_the_openrouter_listing_and_the_pricing_sheet()
    {
        var admin = Control.Admin();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/v1/admin/models/import", Yaml(Manifest))).StatusCode);
        await JsonAsync(await admin.PostAsync("/v1/admin/models/import?backend=vllm-general", Yaml(Manifest)));

        var listing = await JsonAsync(await Control.CreateClient().GetAsync("/openrouter/models"));
        var model = listing["data"]!.AsArray().Single(m => (string?)m!["id"] == "llama-3.3-70b-fp8")!;
        Assert.Equal("Llama 3.3 70B", (string?)model["name"]);
        Assert.Equal("meta-llama/Llama-3.3-70B-Instruct", (string?)model["hugging_face_id"]);
        Assert.Equal(131072, (int)model["context_length"]!);
        Assert.Equal("fp8", (string?)model["quantization"]);
        Assert.Equal("0.00000023", (string?)model["pricing"]!["prompt"]);
        Assert.Equal("0.0000001", (string?)model["pricing"]!["input_cache_read"]);
        Assert.Equal(["DE", "FR"], model["datacenters"]!.AsArray().Select(d => (string?)d!["country_code"]));
        Assert.Equal(["tools", "json_mode"], model["supported_features"]!.AsArray().Select(f => (string?)f));
        Assert.Contains(listing["data"]!.AsArray(), m => (string?)m!["id"] == "gpt-4o-mini");

        var sheet = (await JsonAsync(await Control.CreateClient().GetAsync("/pricing"))).AsArray();
        var row = sheet.Single(r => (string?)r!["model"] == "llama-3.3-70b-fp8")!;
        Assert.Equal("0.0000004", (string?)row["completion"]);
        Assert.Equal("USD", (string?)row["currency"]);

        var request = new HttpRequestMessage(HttpMethod.Get, "/pricing");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await Control.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();
        Assert.StartsWith("model,name,currency,prompt,completion,request,image,input_cache_read,input_cache_write,valid_from\n", csv);
        Assert.Contains("llama-3.3-70b-fp8,Llama 3.3 70B,USD,0.00000023,0.0000004,0,0,0.0000001,0,", csv);
    }

    [Fact]
    public async Task A_changed_price_starts_a_new_price_row_and_keeps_the_old_one()
    {
        var admin = Control.Admin();
        var model = await JsonAsync(await admin.GetAsync("/v1/admin/models/gpt-4o-mini"));
        model["pricing"]!["prompt"] = 0.0000002m;
        await JsonAsync(await admin.PutAsync("/v1/admin/models/gpt-4o-mini", new StringContent(model.ToJsonString(), Encoding.UTF8, "application/json")));
        var prices = (await JsonAsync(await admin.GetAsync("/v1/admin/models/gpt-4o-mini/prices"))).AsArray();
        Assert.Equal([0.00000015m, 0.0000002m], prices.Select(p => (decimal)p!["pricing"]!["prompt"]!));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/v1/admin/models/import?backend=cloud", Yaml("kind: Service"))).StatusCode);
    }

    [Fact]
    public async Task Re_importing_a_model_marked_local_keeps_it_local()
    {
        var admin = Control.Admin();
        await JsonAsync(await admin.PostAsync("/v1/admin/models/import?backend=vllm-general", Yaml(Manifest)));
        var model = await JsonAsync(await admin.GetAsync("/v1/admin/models/llama-3.3-70b-fp8"));
        model["locality"] = "local";
        await JsonAsync(await admin.PutAsync("/v1/admin/models/llama-3.3-70b-fp8", new StringContent(model.ToJsonString(), Encoding.UTF8, "application/json")));

        await JsonAsync(await admin.PostAsync("/v1/admin/models/import", Yaml(Manifest)));
        Assert.Equal("local", (string?)(await JsonAsync(await admin.GetAsync("/v1/admin/models/llama-3.3-70b-fp8")))["locality"]);
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
