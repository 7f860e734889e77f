namespace HybridInference.Simulator.Engine;

/// <summary>Where generated text begins.</summary>
internal enum AnswerStart
{
    /// <summary>A fresh answer: <c>"Word word word. Word …"</c> (chat).</summary>
    Answer,

    /// <summary>Continuing someone else's text: <c>" word word. Word …"</c> (completions, foreign prefixes).</summary>
    MidSentence,
}
