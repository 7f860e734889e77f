using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.Classifier.Inference;

/// <summary>Reports each loaded model's kind and version in <c>/health</c>.</summary>
internal sealed class ModelsHealthCheck(ClassifierModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        foreach (var model in models.Descriptions)
        {
            data[model.Task] = $"{model.Kind} {model.Version}";
        }
        return Task.FromResult(HealthCheckResult.Healthy("Models loaded.", data));
    }
}
