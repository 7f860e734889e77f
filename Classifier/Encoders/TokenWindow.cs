namespace HybridInference.Classifier.Encoders;

/// <summary>
/// How a long text is cut to the encoder's window: the first <see cref="Head"/> and the last <see cref="Tail"/> word
/// pieces, between <c>[CLS]</c> and <c>[SEP]</c>. Keeping both ends (Sun et al. 2019, "How to fine-tune BERT for text
/// classification") keeps an injection appended to a document and a question asked after a pasted text.
/// </summary>
/// <param name="Head">Word pieces kept from the start. Default 127.</param>
/// <param name="Tail">Word pieces kept from the end. Default 127 (with the two special tokens, 256 in all).</param>
internal sealed record TokenWindow(int Head = 127, int Tail = 127)
{
    public int MaxTokens => Head + Tail + 2;

    public int[] Apply(IReadOnlyList<int> pieces, int classification, int separator)
    {
        var keep = Math.Min(pieces.Count, Head + Tail);
        var ids = new int[keep + 2];
        ids[0] = classification;
        if (pieces.Count <= Head + Tail)
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                ids[i + 1] = pieces[i];
            }
        }
        else
        {
            for (var i = 0; i < Head; i++)
            {
                ids[i + 1] = pieces[i];
            }
            var tailStart = pieces.Count - Tail;
            for (var i = 0; i < Tail; i++)
            {
                ids[Head + 1 + i] = pieces[tailStart + i];
            }
        }
        ids[^1] = separator;
        return ids;
    }
}
