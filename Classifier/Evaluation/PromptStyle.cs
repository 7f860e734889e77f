using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Evaluation;

/// <summary>The prompt styles the holdout reports separately, recognised by the row's source (see the datasets README).</summary>
internal static class PromptStyle
{
    public const string BareCode = "bare code (Exercism stubs, CRUXEval functions)";
    public const string Sql = "SQL (StaQC titles, bare Spider queries)";
    public const string ShortMaths = "short maths (DeepMind mathematics_dataset)";
    public const string NonEnglish = "non-English (detected)";
    public const string DocumentInjections = "documents with or without an injection (BIPIA)";
    public const string AgentInjections = "agent tasks with or without an injection (ASB)";
    public const string Spikee = "spikee payloads, documents, false-positive checks";

    public static IEnumerable<string> Of(LabelledText row, string language)
    {
        var source = row.Source;
        if (source.StartsWith("exercism/", StringComparison.Ordinal) || source == "facebookresearch/cruxeval")
        {
            yield return BareCode;
        }
        if (source is "LittleYUYU/StackOverflow-Question-Code-Dataset" or "yandex-research/sparqling-queries")
        {
            yield return Sql;
        }
        if (source == "alexmehta/mathematics_dataset_json")
        {
            yield return ShortMaths;
        }
        if (language is not ("en" or "latin-other" or "none"))
        {
            yield return NonEnglish;
        }
        if (source == "microsoft/BIPIA")
        {
            yield return DocumentInjections;
        }
        if (source == "Zhang-Henry/AIOS_agent")
        {
            yield return AgentInjections;
        }
        if (source == "ReversecLabs/spikee")
        {
            yield return Spikee;
        }
    }
}
