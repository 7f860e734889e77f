namespace HybridInference.Simulator.Engine;

/// <summary>
/// An endless, deterministic sequence of answer pieces (words, commas, full stops) drawn from a seed. Every
/// piece is one token, and the sequence depends only on the seed and the start, so any prefix of it is the
/// beginning of the same answer.
/// </summary>
internal struct WordStream
{
    private const string Comma = ",";
    private const string FullStop = ".";

    private readonly Vocabulary _vocabulary;
    private SplitMix64 _random;
    private int _wordsLeftInSentence;
    private bool _answerStart;
    private bool _sentenceStart;
    private bool _commaNext;

    public WordStream(Vocabulary vocabulary, ulong seed, AnswerStart start)
    {
        _vocabulary = vocabulary;
        _random = new SplitMix64(seed);
        _answerStart = start == AnswerStart.Answer;
        _wordsLeftInSentence = _answerStart ? NextSentenceLength() : 3 + _random.Next(8);
    }

    public string Next()
    {
        if (_commaNext)
        {
            _commaNext = false;
            return Comma;
        }
        if (_wordsLeftInSentence == 0)
        {
            _wordsLeftInSentence = NextSentenceLength();
            _sentenceStart = true;
            return FullStop;
        }

        var index = _random.Next(_vocabulary.Count);
        var word = _answerStart ? _vocabulary.Initial[index]
            : _sentenceStart ? _vocabulary.Capitalized[index]
            : _vocabulary.Lower[index];
        _answerStart = _sentenceStart = false;
        _wordsLeftInSentence--;
        _commaNext = _wordsLeftInSentence > 1 && _random.Next(9) == 0;
        return word;
    }

    private int NextSentenceLength() => 6 + _random.Next(10);
}
