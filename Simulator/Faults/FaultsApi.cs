using System.Text.Json;
using HybridInference.Simulator.Access;
using HybridInference.Simulator.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Simulator.Faults;

/// <summary><c>/admin/faults</c>: read, change (merge) and clear the engine's injected faults and timing.</summary>
internal static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/admin/faults").RequireApiKey(AccessErrors.ProblemDetails);
        faults.MapGet("", (FaultState state) => Settings(state.Current));
        faults.MapPost("", ChangeAsync);
        faults.MapDelete("", (FaultState state, ILogger<FaultState> logger) =>
        {
            var cleared = state.Clear();
            FaultsLog.Cleared(logger, cleared);
            return Settings(cleared);
        });
        return app;
    }

    private static async Task<Results<JsonHttpResult<FaultSettings>, ValidationProblem>> ChangeAsync(
        HttpRequest request, FaultState state, ILogger<FaultState> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        FaultSettings next;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            next = FaultPatch.Apply(state.Current, body.RootElement, errors);
        }
        catch (JsonException exception)
        {
            errors[""] = [$"The body is not valid JSON: {exception.Message}"];
            return TypedResults.ValidationProblem(errors);
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        state.Set(next);
        FaultsLog.Changed(logger, next);
        return Settings(next);
    }

    private static JsonHttpResult<FaultSettings> Settings(FaultSettings settings) =>
        TypedResults.Json(settings, SimulatorJsonContext.Wire.FaultSettings);
}
