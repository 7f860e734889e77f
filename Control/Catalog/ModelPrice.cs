namespace HybridInference.Control.Catalog;

/// <summary>
/// A model's prices from <see cref="ValidFrom"/> until the next row: never edited, so usage is always priced
/// with the price in force when the request was made.
/// </summary>
internal sealed class ModelPrice
{
    public long Id { get; set; }
    public required string ModelId { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public decimal Prompt { get; set; }
    public decimal Completion { get; set; }
    public decimal Request { get; set; }
    public decimal Image { get; set; }
    public decimal InputCacheRead { get; set; }
    public decimal InputCacheWrite { get; set; }
}
