using System.Text.RegularExpressions;
using HybridInference.Contracts.Classification;

namespace HybridInference.Classifier.Pii;

/// <summary>
/// Finds personal data and secrets as character spans: e-mail addresses, phone numbers, Luhn-valid card numbers,
/// checksummed IBANs, US SSNs, IPv4/IPv6 addresses and API-key-like secrets. Overlaps keep the earliest, longest span.
/// </summary>
internal static partial class PiiDetector
{
    private static readonly PiiRecognizer[] Recognizers =
    [
        new(PiiTypes.Secret, SkKeyPattern(), PiiChecks.LooksGenerated),
        new(PiiTypes.Secret, SecretPattern()),
        new(PiiTypes.Secret, PrivateKeyPattern()),
        new(PiiTypes.Email, EmailPattern()),
        new(PiiTypes.Iban, IbanPattern(), PiiChecks.IsIban),
        new(PiiTypes.CreditCard, CardPattern(), PiiChecks.IsCreditCard),
        new(PiiTypes.UsSsn, SsnPattern(), PiiChecks.IsUsSsn),
        new(PiiTypes.IpAddress, Ipv4Pattern()),
        new(PiiTypes.IpAddress, Ipv6Pattern(), PiiChecks.IsIpv6),
        new(PiiTypes.Phone, InternationalPhonePattern(), PiiChecks.IsInternationalPhone),
        new(PiiTypes.Phone, NorthAmericanPhonePattern(), PiiChecks.IsNorthAmericanPhone),
    ];

    public static IReadOnlyList<PiiSpan> Detect(string text)
    {
        var found = new List<PiiSpan>();
        // Cheap pre-checks: most prompts have no digit, '@' or key prefix at all.
        if (!text.AsSpan().ContainsAny(Triggers))
        {
            return found;
        }
        foreach (var recognizer in Recognizers)
        {
            recognizer.Scan(text, found);
        }
        if (found.Count < 2)
        {
            return found;
        }
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : (b.End - b.Start).CompareTo(a.End - a.Start));
        var kept = new List<PiiSpan>(found.Count);
        var end = -1;
        foreach (var span in found)
        {
            if (span.Start >= end)
            {
                kept.Add(span);
                end = span.End;
            }
        }
        return kept;
    }

    private static readonly System.Buffers.SearchValues<char> Triggers =
        System.Buffers.SearchValues.Create("0123456789@:-_");

    // sk-… keys (OpenAI, Anthropic) share their prefix with ordinary hyphenated words, so they must also look generated.
    [GeneratedRegex(@"(?<![\w-])sk-[A-Za-z0-9_-]{20,}(?![\w-])")]
    private static partial Regex SkKeyPattern();

    // AWS access key ids, GitHub tokens, Slack tokens, Google API keys: their prefixes and lengths are distinctive.
    [GeneratedRegex(@"(?<![\w-])(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})(?![\w-])")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])")]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d)(?!\.\d)")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d])")]
    private static partial Regex InternationalPhonePattern();

    [GeneratedRegex(@"(?<![\w+.-])(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w.-]?\d)")]
    private static partial Regex NorthAmericanPhonePattern();
}
