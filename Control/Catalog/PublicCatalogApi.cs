using System.Globalization;
using System.Text;
using HybridInference.Control.Database;
using HybridInference.Control.RouterConfiguration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Catalog;

/// <summary>Unauthenticated listings: the catalog in OpenRouter's provider format and the pricing sheet.</summary>
internal static class PublicCatalogApi
{
    /// <summary>OpenRouter writes prices as decimal strings per token (per request/image where named).</summary>
    internal sealed record OpenRouterPricing(string Prompt, string Completion, string Request, string Image, string InputCacheRead, string InputCacheWrite);

    internal sealed record OpenRouterDatacenter(string CountryCode);

    internal sealed record OpenRouterModel(
        string Id, string? HuggingFaceId, string Name, long Created, string? Description, IReadOnlyList<string> InputModalities,
        IReadOnlyList<string> OutputModalities, string? Quantization, int ContextLength, int MaxOutputLength, OpenRouterPricing Pricing,
        IReadOnlyList<string> SupportedSamplingParameters, IReadOnlyList<string> SupportedFeatures, IReadOnlyList<OpenRouterDatacenter> Datacenters);

    internal sealed record OpenRouterListing(IReadOnlyList<OpenRouterModel> Data);

    /// <summary>A row of the pricing sheet; amounts are decimal strings in <see cref="Currency"/>.</summary>
    internal sealed record PriceSheetRow(
        string Model, string? Name, string Currency, string Prompt, string Completion, string Request, string Image,
        string InputCacheRead, string InputCacheWrite, DateTimeOffset ValidFrom);

    public static IEndpointRouteBuilder MapPublicCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openrouter/models", ListingAsync);
        app.MapGet("/pricing", PricingAsync);
        return app;
    }

    private static async Task<IResult> ListingAsync(ControlDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (rows, prices) = await LoadAsync(db, time, cancellationToken);
        return TypedResults.Ok(new OpenRouterListing(rows.Select(m =>
        {
            var p = prices.GetValueOrDefault(m.Id);
            return new OpenRouterModel(
                m.Id, m.HuggingFaceId, m.Name ?? m.Id, m.CreatedAt.ToUnixTimeSeconds(), m.Description, m.InputModalities, m.OutputModalities,
                m.Quantization, m.ContextLength, m.MaxOutputLength,
                new OpenRouterPricing(Text(p?.Prompt), Text(p?.Completion), Text(p?.Request), Text(p?.Image), Text(p?.InputCacheRead), Text(p?.InputCacheWrite)),
                m.SupportedParameters, m.Features, [.. m.Datacenters.Select(d => new OpenRouterDatacenter(d))]);
        }).ToList()));
    }

    /// <summary>JSON by default; CSV for <c>Accept: text/csv</c> or <c>?format=csv</c>.</summary>
    private static async Task<IResult> PricingAsync(
        HttpRequest request, string? format, ControlDb db, TimeProvider time, IOptions<ControlOptions> options, CancellationToken cancellationToken)
    {
        var (rows, prices) = await LoadAsync(db, time, cancellationToken);
        var currency = options.Value.Currency;
        var sheet = rows.Where(m => prices.ContainsKey(m.Id)).Select(m =>
        {
            var p = prices[m.Id];
            return new PriceSheetRow(m.Id, m.Name, currency, Text(p.Prompt), Text(p.Completion), Text(p.Request), Text(p.Image),
                Text(p.InputCacheRead), Text(p.InputCacheWrite), p.ValidFrom);
        }).ToList();
        if (!Csv.Wanted(request, format))
        {
            return TypedResults.Ok(sheet);
        }
        var csv = new StringBuilder("model,name,currency,prompt,completion,request,image,input_cache_read,input_cache_write,valid_from\n");
        foreach (var r in sheet)
        {
            Csv.Row(csv, r.Model, r.Name, r.Currency, r.Prompt, r.Completion, r.Request, r.Image, r.InputCacheRead, r.InputCacheWrite,
                r.ValidFrom.ToString("O", CultureInfo.InvariantCulture));
        }
        return TypedResults.Text(csv.ToString(), "text/csv");
    }

    private static async Task<(List<CatalogModel> Rows, Dictionary<string, ModelPrice> Prices)> LoadAsync(ControlDb db, TimeProvider time, CancellationToken cancellationToken) =>
        (await db.Models.AsNoTracking().OrderBy(m => m.Position).ToListAsync(cancellationToken),
         await RouterConfigStore.CurrentPricesAsync(db, time.GetUtcNow(), cancellationToken));

    // Normalised so that 0.00000010 and 0.0000001 read the same; never exponent notation.
    private static string Text(decimal? value) => (value ?? 0m).ToString("0.############################", CultureInfo.InvariantCulture);
}
