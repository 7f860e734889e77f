using HybridInference.Simulator.Engine;

namespace HybridInference.Simulator.Metrics;

/// <summary>The engine's metrics, one <see cref="ModelMetrics"/> per served model (by catalog index).</summary>
internal sealed class EngineMetrics(ModelCatalog models)
{
    private readonly ModelMetrics[] _byModel = CreateAll(models.Names.Count);

    public ModelMetrics For(int model) => _byModel[model];

    private static ModelMetrics[] CreateAll(int count)
    {
        var all = new ModelMetrics[count];
        for (var i = 0; i < count; i++)
        {
            all[i] = new ModelMetrics();
        }
        return all;
    }
}
