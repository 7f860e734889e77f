namespace HybridInference.Control.Catalog;

/// <summary>A role (<c>chat-fast</c>) or alias (<c>local/chat</c>): an ordered list of catalog models.</summary>
internal sealed class CatalogRoute
{
    public required string Name { get; set; }
    public List<string> Candidates { get; set; } = [];
    public int Position { get; set; }
}
