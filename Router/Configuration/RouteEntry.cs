using HybridInference.Contracts.Configuration;
using HybridInference.Router.Targets;

namespace HybridInference.Router.Configuration;

/// <summary>A name a client may send (catalog id, role or alias), compiled: its candidates and what its route says.</summary>
/// <param name="Candidates">Catalog models in order of preference.</param>
/// <param name="LocalOnly">The route is local (marked so, or a legacy <c>local/…</c> alias): no remote target, ever.</param>
/// <param name="Guard">The route's guard mode, or null for the config's.</param>
/// <param name="OnClassifierUnavailable">The route's policy while the classifier cannot answer, or null for the config's.</param>
internal sealed record RouteEntry(ModelEntry[] Candidates, bool LocalOnly, GuardMode? Guard, ClassifierUnavailablePolicy? OnClassifierUnavailable);
