namespace HybridInference.Router.Forwarding;

/// <summary>Registers YARP's forwarder, fallback and stream continuation.</summary>
internal static class ForwardingRegistration
{
    public static IHostApplicationBuilder AddForwarding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<StreamContinuation>();
        builder.Services.AddSingleton<RequestForwarder>();
        return builder;
    }
}
