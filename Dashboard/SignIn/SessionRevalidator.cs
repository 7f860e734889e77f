using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace HybridInference.Dashboard.SignIn;

/// <summary>
/// Ends the session of a page that stays open (a live circuit never sends the cookie again): when the session's end
/// has passed, the page loses its sign-in and goes back to the sign-in page.
/// </summary>
internal sealed class SessionRevalidator(ILoggerFactory loggers, TimeProvider time, IOptions<DashboardOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(!DashboardSession.IsExpired(authenticationState.User, time.GetUtcNow()));
}
