namespace HybridInference.Control.Invoicing;

internal static class InvoicingExtensions
{
    /// <summary>Calculator, service, the configured sink and, unless disabled, the monthly scheduler.</summary>
    public static IHostApplicationBuilder AddInvoicing(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(InvoicingOptions.Section);
        builder.Services.AddOptions<InvoicingOptions>().Bind(section)
            .Validate(o => o.Sink is "file" or "odoo" or "none", "Control:Invoicing:Sink must be file, odoo or none")
            .Validate(o => o.Sink != "odoo" || (Uri.IsWellFormedUriString(o.OdooUrl, UriKind.Absolute) && o.OdooDatabase is not null && o.OdooUsername is not null),
                "the odoo sink needs Control:Invoicing:OdooUrl, OdooDatabase, OdooUsername and OdooPassword")
            .ValidateOnStart();
        builder.Services.AddSingleton<InvoiceCalculator>();
        builder.Services.AddScoped<InvoicingService>();
        var options = section.Get<InvoicingOptions>() ?? new InvoicingOptions();
        switch (options.Sink)
        {
            case "odoo":
                builder.Services.AddHttpClient<IInvoiceSink, OdooInvoiceSink>();
                break;
            case "none":
                builder.Services.AddSingleton<IInvoiceSink, NoInvoiceSink>();
                break;
            default:
                builder.Services.AddSingleton<IInvoiceSink, FileInvoiceSink>();
                break;
        }
        if (options.SchedulerEnabled)
        {
            builder.Services.AddSingleton<InvoicingScheduler>();
            builder.Services.AddHostedService(services => services.GetRequiredService<InvoicingScheduler>());
        }
        return builder;
    }
}
