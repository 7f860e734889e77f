using HybridInference.ServiceDefaults.Tokens;
using HybridInference.Simulator.Engine;
using HybridInference.Simulator.Protocol;
using Microsoft.Extensions.Options;

namespace HybridInference.Simulator.Access;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;Simulator:ApiKey&gt;</c> when a key is configured (the <c>cloud</c>
/// stand-in); without one every call passes, as with a vLLM started without <c>--api-key</c>.
/// </summary>
internal static class ApiKeyFilter
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, AccessErrors errors) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var key = TokenHash.Of(context.ApplicationServices.GetRequiredService<IOptions<SimulatorOptions>>().Value.ApiKey);
            if (!key.IsSet)
            {
                return next;
            }
            return invocation => key.IsPresentedBy(invocation.HttpContext.Request)
                ? next(invocation)
                : ValueTask.FromResult<object?>(Refuse(errors));
        });

    private static IResult Refuse(AccessErrors errors) => errors == AccessErrors.OpenAi
        ? OpenAiErrors.InvalidApiKey()
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required.");
}
