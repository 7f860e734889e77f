using System.Security.Cryptography;
using System.Text;
using HybridInference.Router.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Operations;

/// <summary>Lets a call through only with <c>Authorization: Bearer</c> the Router's admin token; none configured refuses all.</summary>
internal sealed class AdminTokenFilter(IOptions<RouterOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var token = options.Value.AdminToken;
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        // Hashing first keeps the comparison constant-time whatever the lengths.
        return token is { Length: > 0 } && presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token)))
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Unauthorized());
    }
}
