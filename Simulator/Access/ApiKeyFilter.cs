using System.Security.Cryptography;
using System.Text;
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
    private const string BearerPrefix = "Bearer ";

    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, AccessErrors errors) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var key = context.ApplicationServices.GetRequiredService<IOptions<SimulatorOptions>>().Value.ApiKey;
            if (string.IsNullOrEmpty(key))
            {
                return next;
            }
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            return invocation => Matches(invocation.HttpContext.Request.Headers.Authorization, expected)
                ? next(invocation)
                : ValueTask.FromResult<object?>(Refuse(errors));
        });

    private static bool Matches(string? authorization, byte[] expected)
    {
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // Hashes have one length, so the comparison takes the same time whatever was presented.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static IResult Refuse(AccessErrors errors) => errors == AccessErrors.OpenAi
        ? OpenAiErrors.InvalidApiKey()
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required.");
}
