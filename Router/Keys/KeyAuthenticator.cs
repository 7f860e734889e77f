using HybridInference.Contracts.Keys;
using HybridInference.Contracts.OpenAi;
using HybridInference.Router.Configuration;
using HybridInference.Router.Requests;
using HybridInference.ServiceDefaults.Tokens;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Keys;

/// <summary>Turns <c>Authorization: Bearer &lt;virtual key&gt;</c> into the key's policy, or says why not.</summary>
internal sealed class KeyAuthenticator(KeyPolicyCache cache, IOptions<RouterOptions> options, TimeProvider time)
{
    private readonly TokenHash _devKey = TokenHash.Of(options.Value.DevKey);

    /// <summary>The policy of <see cref="RouterOptions.DevKey"/>: every model, no limits.</summary>
    public static readonly KeyPolicy DevPolicy = new() { KeyId = "dev", CustomerId = "dev", Prefix = "dev" };

    public async ValueTask<KeyCheck> AuthenticateAsync(HttpContext context)
    {
        if (!BearerToken.TryRead(context.Request, out var key))
        {
            return KeyCheck.Fail("Missing API key: send Authorization: Bearer <key>.", "missing_api_key");
        }
        if (_devKey.Matches(key))
        {
            return new KeyCheck(DevPolicy, null);
        }
        KeyPolicy? policy;
        try
        {
            policy = await cache.GetAsync(VirtualKeyHash.Compute(key), context.RequestAborted);
        }
        catch (KeyServiceUnavailableException)
        {
            return new KeyCheck(null, Refusal.Unavailable("The key service is unavailable; try again shortly.", "key_service_unavailable"));
        }
        if (policy is null)
        {
            return KeyCheck.Fail("Incorrect API key provided.", "invalid_api_key");
        }
        if (policy.Revoked)
        {
            return KeyCheck.Fail("This API key has been revoked.", "invalid_api_key");
        }
        if (policy.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return KeyCheck.Fail("This API key has expired.", "invalid_api_key");
        }
        return new KeyCheck(policy, null);
    }
}

/// <summary>The outcome of authentication: a policy, or why the request is refused (401, or 503 while Control is unreachable).</summary>
internal readonly record struct KeyCheck(KeyPolicy? Policy, Refusal? Refusal)
{
    public static KeyCheck Fail(string error, string code) =>
        new(null, new Refusal(StatusCodes.Status401Unauthorized, error, OpenAiErrorTypes.Authentication, code));
}
