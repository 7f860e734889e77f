using HybridInference.Contracts.Configuration;

namespace HybridInference.Control.Catalog;

/// <summary>A role (<c>chat-fast</c>) or alias (<c>local/chat</c>): an ordered list of catalog models.</summary>
internal sealed class CatalogRoute
{
    public required string Name { get; set; }
    public List<string> Candidates { get; set; } = [];
    public BackendLocality? Locality { get; set; }
    public GuardMode? Guard { get; set; }
    public ClassifierUnavailablePolicy? OnClassifierUnavailable { get; set; }
    public int Position { get; set; }
}
