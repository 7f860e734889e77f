using HybridInference.Contracts.Classification;

namespace HybridInference.Router.Classification;

/// <summary>What the Classifier said about a request, reduced to what routing needs.</summary>
/// <param name="Domain">The domain label of the deciding message.</param>
/// <param name="Jailbreak">The highest jailbreak probability over the user's messages.</param>
/// <param name="JailbreakLabelled">Whether the guard model labelled any user message a jailbreak (at its calibrated threshold).</param>
/// <param name="Pii">Personal-data spans per text (same order as <see cref="PromptTexts.Texts"/>), null entries for none.</param>
internal sealed record Classification(string? Domain, double Jailbreak, bool JailbreakLabelled, IReadOnlyList<PiiSpan>?[] Pii)
{
    /// <summary>Probability of <see cref="Domain"/> from the stage that decided it.</summary>
    public double? DomainScore { get; init; }

    /// <summary>The cascade stage that decided <see cref="Domain"/>, as the Classifier names it (see <see cref="ClassifierStages"/>).</summary>
    public string? DomainStage { get; init; }

    public bool HasPii
    {
        get
        {
            foreach (var spans in Pii)
            {
                if (spans is { Count: > 0 })
                {
                    return true;
                }
            }
            return false;
        }
    }
}
