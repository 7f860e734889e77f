using System.Net;
using System.Net.Sockets;

namespace HybridInference.Classifier.Pii;

/// <summary>The checksum and range checks that separate real identifiers from look-alike digit runs.</summary>
internal static class PiiChecks
{
    /// <summary>Card numbers: 13–19 digits, a known issuer prefix, and a valid Luhn check digit.</summary>
    public static bool IsCreditCard(string candidate)
    {
        Span<int> digits = stackalloc int[19];
        var count = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }
                digits[count++] = c - '0';
            }
        }
        if (count < 13)
        {
            return false;
        }
        var first = digits[0];
        var two = digits[0] * 10 + digits[1];
        // Visa, Mastercard, Amex, Diners, Discover, JCB, UnionPay, Maestro.
        var knownIssuer = first == 4 || two is >= 51 and <= 55 or >= 22 and <= 27 or 34 or 37 or 36 or 38 or 30
            || first == 6 || two == 35 || two is 50 or >= 56 and <= 58;
        return knownIssuer && Luhn(digits[..count]);
    }

    public static bool Luhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>IBAN: the country's length where known (15–34 otherwise) and ISO 7064 mod-97 = 1.</summary>
    public static bool IsIban(string candidate)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }
            if (length == compact.Length)
            {
                return false;
            }
            compact[length++] = char.ToUpperInvariant(c);
        }
        if (length < 15)
        {
            return false;
        }
        var iban = compact[..length];
        if (IbanLengths.TryGetValue(iban[..2].ToString(), out var expected) && expected != length)
        {
            return false;
        }
        // Move the first four characters to the end, letters become 10..35, and reduce mod 97 as we go.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = iban[(i + 4) % length];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
                remainder = (remainder * 10 + value) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                value = c - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            }
            else
            {
                return false;
            }
        }
        return remainder == 1;
    }

    /// <summary>US SSN: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public static bool IsUsSsn(string candidate)
    {
        var parts = candidate.Split('-');
        return parts is [var area, var group, var serial]
            && area != "000" && area != "666" && area[0] != '9'
            && group != "00" && serial != "0000";
    }

    public static bool IsIpv6(string candidate) =>
        candidate.Count(c => c == ':') >= 2
        && IPAddress.TryParse(candidate, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6
        && candidate.Any(char.IsAsciiHexDigit);

    /// <summary>Phone numbers in international form: 8–15 digits after the <c>+</c>.</summary>
    public static bool IsInternationalPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    /// <summary>North-American numbers: area and exchange codes cannot start with 0 or 1.</summary>
    public static bool IsNorthAmericanPhone(string candidate)
    {
        Span<char> digits = stackalloc char[11];
        var count = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }
                digits[count++] = c;
            }
        }
        var number = count == 11 && digits[0] == '1' ? digits[1..11] : digits[..count];
        return number.Length == 10 && number[0] >= '2' && number[3] >= '2';
    }

    /// <summary>Keys that look generated: long enough and mixing letters with digits (rules out <c>sk-learn-style-words</c>).</summary>
    public static bool LooksGenerated(string candidate)
    {
        var digits = 0;
        var letters = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }
        }
        return digits >= 2 && letters >= 4;
    }

    private static readonly Dictionary<string, int> IbanLengths = new()
    {
        ["AD"] = 24, ["AE"] = 23, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29, ["CH"] = 21, ["CY"] = 28,
        ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GR"] = 27,
        ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PT"] = 25, ["RO"] = 24, ["SA"] = 24,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["TR"] = 26, ["UA"] = 29,
    };
}
