using HybridInference.Router.Targets;
using HybridInference.Router.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Router.Tests.Targets;

public sealed class KubeAiProbeTests
{
    [Theory]
    [InlineData("kubeai", true)]
    [InlineData("vllm", false)]
    public async Task A_kubeai_backend_is_judged_by_its_model_list_because_it_serves_no_health_route(string kind, bool up)
    {
        // Like KubeAI: only the OpenAI routes under /openai, no /health and no engine /metrics.
        await using var kubeAi = await KestrelHost.StartAsync(app => app.MapGet("/openai/v1/models", () => Results.Ok(new { data = Array.Empty<object>() })));
        await using var fabric = await TestFabric.StartAsync();
        await fabric.ReplaceConfigAsync(fabric.Yaml().Replace("backends:\n", $"backends:\n  - name: kubeai\n    url: {kubeAi.Url}/openai\n    kind: {kind}\n", StringComparison.Ordinal));
        var router = fabric.StartRouter();

        await router.Service<BackendProber>().ProbeAllAsync(CancellationToken.None);

        Assert.Equal(up ? CircuitState.Closed : CircuitState.Open, router.Service<BackendRegistry>().Find("kubeai")!.Circuit);
    }
}
