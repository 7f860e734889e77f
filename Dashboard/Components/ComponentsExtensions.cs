using Microsoft.FluentUI.AspNetCore.Components;

namespace HybridInference.Dashboard.Components;

internal static class ComponentsExtensions
{
    public static WebApplicationBuilder AddDashboardComponents(this WebApplicationBuilder builder)
    {
        // Assets of the component library come from its package in any environment run from a build (a publish copies them).
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        return builder;
    }

    public static WebApplication MapDashboardComponents(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
