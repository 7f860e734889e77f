using HybridInference.Router.Configuration;
using HybridInference.ServiceDefaults.Tokens;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Keys;

/// <summary>
/// Whether a request carries <see cref="RouterOptions.AdminToken"/> as its bearer token; hashes compared in constant
/// time, so neither the token nor its length shows in how long a check takes. No token configured: nobody is admin.
/// </summary>
internal sealed class AdminAccess(IOptions<RouterOptions> options)
{
    private readonly TokenHash _token = TokenHash.Of(options.Value.AdminToken);

    public bool Allows(HttpRequest request) => _token.IsPresentedBy(request);
}
