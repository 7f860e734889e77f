using System.Buffers;
using System.Globalization;
using System.Text;

namespace HybridInference.Classifier.Featurization;

/// <summary>
/// Turns text into fastText-style hashed feature ids: word unigrams and n-grams, plus character n-grams of each
/// word with <c>&lt;</c>/<c>&gt;</c> boundary markers (they survive typos, inflection and scripts without spaces).
/// Text is NFKC-normalised and lower-cased first. The same code runs in training and at inference.
/// </summary>
internal sealed class TextFeaturizer(FeatureHashing hashing)
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSalt = 0x9E3779B9;
    private const uint CharSalt = 0x85EBCA6B;
    private const uint NgramMultiplier = 116049371;
    private const int MaxWordNgrams = 8;

    public FeatureHashing Hashing { get; } = hashing;

    /// <summary>
    /// Writes the feature ids of <paramref name="text"/> and their raw weights (1 for words, <see cref="FeatureHashing.CharWeight"/>
    /// for character n-grams; not yet normalised) and returns how many were written.
    /// </summary>
    public int Featurize(ReadOnlySpan<char> text, Span<int> ids, Span<float> weights)
    {
        if (text.Length > Hashing.MaxChars)
        {
            text = text[..Hashing.MaxChars];
        }
        char[]? rented = null;
        var normalized = Normalize(text, ref rented);
        try
        {
            return HashTokens(normalized, ids[..Math.Min(ids.Length, Hashing.MaxFeatures)], weights);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Convenience for training and tests: ids and raw weights as fresh arrays.</summary>
    public Features Featurize(string text)
    {
        var ids = ArrayPool<int>.Shared.Rent(Hashing.MaxFeatures);
        var weights = ArrayPool<float>.Shared.Rent(Hashing.MaxFeatures);
        try
        {
            var count = Featurize(text.AsSpan(), ids, weights);
            return new Features(ids.AsSpan(0, count).ToArray(), weights.AsSpan(0, count).ToArray());
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<float>.Shared.Return(weights);
        }
    }

    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> text, ref char[]? rented)
    {
        // ASCII is already NFKC; only other scripts pay for normalisation.
        var source = text;
        if (text.ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            var s = text.ToString();
            if (!s.IsNormalized(NormalizationForm.FormKC))
            {
                s = s.Normalize(NormalizationForm.FormKC);
            }
            source = s.AsSpan();
        }
        rented = ArrayPool<char>.Shared.Rent(Math.Max(1, source.Length));
        var lower = rented.AsSpan(0, source.Length);
        source.ToLowerInvariant(lower);
        return lower;
    }

    private int HashTokens(ReadOnlySpan<char> text, Span<int> ids, Span<float> weights)
    {
        var count = 0;
        var maxN = Math.Clamp(Hashing.WordNgrams, 1, MaxWordNgrams);
        Span<uint> recent = stackalloc uint[MaxWordNgrams];
        var seen = 0;
        var i = 0;
        while (i < text.Length && count < ids.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int end;
            bool isWord;
            if (IsWordChar(c))
            {
                end = i + 1;
                while (end < text.Length && IsWordChar(text[end]))
                {
                    end++;
                }
                isWord = true;
            }
            else
            {
                // Punctuation and symbols are tokens of their own: they carry code and maths.
                end = i + 1;
                isWord = false;
            }
            var token = text[i..end];
            var start = count;
            var wordHash = Hash(token, Hashing.Seed ^ WordSalt);
            ids[count++] = Bucket(wordHash);

            // Word n-grams ending at this token, fastText's rolling combination.
            var combined = wordHash;
            for (var n = 2; n <= maxN && n - 1 <= seen && count < ids.Length; n++)
            {
                combined = combined * NgramMultiplier + recent[(seen - (n - 1)) % MaxWordNgrams];
                ids[count++] = Bucket(combined);
            }
            recent[seen % MaxWordNgrams] = wordHash;
            seen++;

            weights[start..count].Fill(1f);
            if (isWord && Hashing.CharWeight > 0f)
            {
                var added = CharNgrams(token, ids[count..]);
                weights.Slice(count, added).Fill(Hashing.CharWeight);
                count += added;
            }
            i = end;
        }
        return count;
    }

    private int CharNgrams(ReadOnlySpan<char> word, Span<int> ids)
    {
        // The word framed by boundary markers, as fastText does: "<word>".
        var framedLength = word.Length + 2;
        var minN = Math.Max(2, Hashing.MinCharN);
        var count = 0;
        for (var start = 0; start < framedLength && count < ids.Length; start++)
        {
            var h = FnvOffset ^ Hashing.Seed ^ CharSalt;
            for (var n = 1; n <= Hashing.MaxCharN && start + n <= framedLength; n++)
            {
                var pos = start + n - 1;
                var ch = pos == 0 ? '<' : pos == framedLength - 1 ? '>' : word[pos - 1];
                h = (h ^ ch) * FnvPrime;
                // The whole framed word would only repeat the unigram.
                if (n >= minN && n != framedLength && count < ids.Length)
                {
                    ids[count++] = Bucket(h);
                }
            }
        }
        return count;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static uint Hash(ReadOnlySpan<char> token, uint seed)
    {
        var h = FnvOffset ^ seed;
        foreach (var ch in token)
        {
            h = (h ^ ch) * FnvPrime;
        }
        return h;
    }

    private int Bucket(uint hash)
    {
        // A final avalanche so that FNV's weak low bits do not bunch buckets.
        hash ^= hash >> 16;
        hash *= 0x7FEB352D;
        hash ^= hash >> 15;
        hash *= 0x846CA68B;
        hash ^= hash >> 16;
        return (int)(hash % (uint)Hashing.Buckets);
    }
}

/// <summary>A text's feature ids with their raw (un-normalised) weights.</summary>
internal sealed record Features(int[] Ids, float[] Weights);
