using HybridInference.Contracts;
using HybridInference.Control.Database;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HybridInference.Control;

internal static class ControlExtensions
{
    /// <summary>Options, JSON conventions, error shape, clock and the database preparation that runs before the server starts.</summary>
    public static IHostApplicationBuilder AddControlBasics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ControlOptions>().Bind(builder.Configuration.GetSection(ControlOptions.Section))
            .Validate(o => o.Currency.Length == 3, "Control:Currency must be an ISO 4217 code")
            .Validate(o => o.KeyCacheSeconds >= 0, "Control:KeyCacheSeconds must not be negative")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(json => ContractJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        // Binding failures are thrown (not answered as an empty 400) so that BadRequestProblems can say what was wrong;
        // exceptions an IExceptionHandler handles are not logged as unhandled errors.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddHostedService<DatabasePreparation>();
        return builder;
    }
}
