using Aspire.Hosting.Pipelines;
using HybridInference.AppHost.GpuPlanning;
using Microsoft.Extensions.Logging;

namespace HybridInference.AppHost.Kubernetes;

/// <summary>
/// The project's own publish steps on Aspire's pipeline: <c>publish-kubernetes</c> (required by <c>publish</c>) writes
/// the kustomize tree for the appliance and cluster targets; <c>plan-gpu</c> prints the VRAM plan without writing.
/// </summary>
public static class KubernetesPublishingExtensions
{
    /// <summary>The step that writes the tree.</summary>
    public const string PublishStep = "publish-kubernetes";
    /// <summary>The step that prints the GPU plan.</summary>
    public const string PlanStep = "plan-gpu";

    /// <summary>Adds both steps; <paramref name="models"/> gives the GPU the engines share.</summary>
    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder, ModelCatalog models)
    {
        var options = PublishOptions.From(builder);
        // The pipeline API is experimental in Aspire 13.6; this is the one place the project uses it.
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004
        builder.Pipeline.AddStep(PlanStep, context =>
        {
            var fabric = FabricReader.Read(context.Model, context.ExecutionContext, options, context.CancellationToken);
            PrintPlan(context.Logger, GpuPlanCheck.PlanFor(fabric, models.Gpu, options));
            return Task.CompletedTask;
        });
        builder.Pipeline.AddStep(PublishStep, async context =>
        {
            var fabric = FabricReader.Read(context.Model, context.ExecutionContext, options, context.CancellationToken);
            var plan = GpuPlanCheck.PlanFor(fabric, models.Gpu, options);
            PrintPlan(context.Logger, plan);
            try
            {
                GpuPlanCheck.EnsureFits(plan);
                RevisionCheck.EnsurePinned(fabric, options, context.Logger);
            }
            catch (InvalidOperationException)
            {
                // Aspire logs a failed step but still exits with 0; scripts and CI must see the refusal.
                Environment.ExitCode = 1;
                throw;
            }
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var tree = FabricTree.Build(fabric, options.MonitoringDirectory);
            await tree.WriteAsync(output, context.CancellationToken);
            PublishLog.Written(context.Logger, output, tree.Files.Count);
        }, requiredBy: WellKnownPipelineSteps.Publish);
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004
        return builder;
    }

    private static void PrintPlan(ILogger logger, GpuPlan plan) => PublishLog.Plan(logger, plan.ToTable());
}
