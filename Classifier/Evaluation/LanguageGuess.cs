using System.Globalization;
using System.Text;

namespace HybridInference.Classifier.Evaluation;

/// <summary>
/// A rough language label for slicing evaluation results (not used for classifying): the dominant script, and for
/// Latin script the language whose common words occur most. Code and maths count as the language of their words;
/// unrecognised Latin text is <c>latin-other</c>.
/// </summary>
internal static class LanguageGuess
{
    // A dozen frequent function words per language; enough to tell the datasets' languages apart.
    private static readonly (string Language, HashSet<string> Words)[] LatinLanguages =
    [
        ("en", ["the", "and", "of", "to", "is", "in", "that", "what", "you", "for", "how", "with", "are", "this", "it"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "mit", "von", "den", "auf", "welches", "sich"]),
        ("es", ["el", "la", "de", "que", "los", "las", "en", "es", "por", "una", "con", "para", "del", "cómo", "qué"]),
        ("fr", ["le", "la", "les", "des", "est", "et", "une", "dans", "pour", "que", "qui", "du", "au", "pas", "elle"]),
        ("it", ["il", "di", "che", "è", "della", "per", "gli", "un", "una", "nel", "sono", "delle", "quale", "anche", "dei"]),
        ("pt", ["o", "os", "que", "não", "uma", "do", "da", "em", "com", "para", "são", "dos", "das", "qual", "foi"]),
        ("sq", ["të", "në", "dhe", "një", "për", "është", "që", "me", "nga", "së", "janë", "cila", "ka", "se", "nuk"]),
        ("ga", ["agus", "an", "na", "ar", "is", "ag", "le", "do", "go", "mé", "ort", "bhí", "sé", "atá", "seo"]),
        ("gd", ["agus", "an", "na", "air", "agad", "gu", "ann", "seo", "aig", "chaidh", "mar", "dhut", "bhith", "tha", "sin"]),
        ("zu", ["ukuthi", "futhi", "noma", "uma", "kanye", "lokhu", "ngoba", "kodwa", "ukuze", "wena", "yini", "ngi", "kwi", "esi", "lapho"]),
        ("sw", ["na", "ya", "wa", "kwa", "za", "ni", "la", "kila", "katika", "moja", "alikuwa", "ana", "kama", "je", "ngapi"]),
        ("hr/sr", ["je", "i", "u", "na", "se", "da", "su", "od", "za", "koji", "koja", "što", "nije", "ili", "kao"]),
        ("pl", ["w", "i", "na", "się", "z", "nie", "jest", "do", "to", "że", "jak", "który", "od", "przez", "dla"]),
        ("hu", ["a", "az", "és", "hogy", "nem", "egy", "is", "van", "meg", "ez", "volt", "mint", "melyik", "csak", "már"]),
        ("lt", ["ir", "yra", "kad", "su", "iš", "kuri", "kuris", "į", "buvo", "ar", "šių", "jo", "tai", "kaip", "dabar"]),
        ("tr", ["ve", "bir", "bu", "için", "ile", "da", "de", "ne", "olan", "hangisi", "gibi", "daha", "olarak", "çok", "değil"]),
        ("vi", ["của", "và", "là", "có", "trong", "được", "các", "những", "không", "một", "cho", "với", "người", "nào", "này"]),
    ];

    public static string Detect(string text)
    {
        int latin = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, arabic = 0, thai = 0, bengali = 0, telugu = 0, devanagari = 0, greek = 0, other = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            if (!Rune.IsLetter(rune))
            {
                continue;
            }
            if (c < 0x250) latin++;
            else if (c is >= 0x370 and < 0x400) greek++;
            else if (c is >= 0x400 and < 0x530) cyrillic++;
            else if (c is >= 0x600 and < 0x700) arabic++;
            else if (c is >= 0x900 and < 0x980) devanagari++;
            else if (c is >= 0x980 and < 0xA00) bengali++;
            else if (c is >= 0xC00 and < 0xC80) telugu++;
            else if (c is >= 0xE00 and < 0xE80) thai++;
            else if (c is >= 0x1E00 and < 0x1F00) latin++;
            else if (c is >= 0x3040 and < 0x3100) kana++;
            else if (c is >= 0x4E00 and < 0xA000) han++;
            else if (c is >= 0xAC00 and < 0xD7B0) hangul++;
            else other++;
        }
        var nonLatin = new (string Language, int Count)[]
        {
            ("ru/bg/mk (cyrillic)", cyrillic), ("ja", kana > 0 ? kana + han : 0), ("zh", kana == 0 ? han : 0), ("ko", hangul),
            ("ar", arabic), ("th", thai), ("bn", bengali), ("te", telugu), ("hi", devanagari), ("el", greek), ("other", other),
        }.MaxBy(s => s.Count);
        if (nonLatin.Count > latin)
        {
            return nonLatin.Language == "ru/bg/mk (cyrillic)" && (text.Contains('ы') || text.Contains('э')) ? "ru" : nonLatin.Language;
        }
        return latin == 0 ? "none" : Latin(text);
    }

    private static string Latin(string text)
    {
        var counts = new int[LatinLanguages.Length];
        foreach (var word in text.ToLower(CultureInfo.InvariantCulture).Split([' ', '\n', '\t', ',', '.', '?', '!', ':', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            for (var l = 0; l < LatinLanguages.Length; l++)
            {
                counts[l] += LatinLanguages[l].Words.Contains(word) ? 1 : 0;
            }
        }
        var best = 0;
        for (var l = 1; l < counts.Length; l++)
        {
            best = counts[l] > counts[best] ? l : best;
        }
        // Bare code and formulas have few function words: count them as English (their keywords are).
        return counts[best] == 0 ? "latin-other" : LatinLanguages[best].Language;
    }
}
