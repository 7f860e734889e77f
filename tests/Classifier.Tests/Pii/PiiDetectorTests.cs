using HybridInference.Classifier.Pii;

namespace HybridInference.Classifier.Tests.Pii;

public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("email", "Contact jane.doe+news@example.co.uk today", "jane.doe+news@example.co.uk")]
    [InlineData("email", "mail ops@mail-server.io.", "ops@mail-server.io")]
    [InlineData("phone", "Call +44 20 7946 0958 now", "+44 20 7946 0958")]
    [InlineData("phone", "US office: (415) 555-2671.", "(415) 555-2671")]
    [InlineData("phone", "or 415-555-2671 after 5", "415-555-2671")]
    [InlineData("credit_card", "Visa 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111")]
    [InlineData("credit_card", "card=5500-0000-0000-0004;", "5500-0000-0000-0004")]
    [InlineData("credit_card", "amex 378282246310005", "378282246310005")]
    [InlineData("iban", "IBAN: DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00")]
    [InlineData("iban", "to GB82WEST12345698765432.", "GB82WEST12345698765432")]
    [InlineData("us_ssn", "SSN 123-45-6789 on file", "123-45-6789")]
    [InlineData("ip_address", "ssh root@10.0.12.254 -p 22", "10.0.12.254")]
    [InlineData("ip_address", "host 2001:db8:85a3::8a2e:370:7334 is down", "2001:db8:85a3::8a2e:370:7334")]
    [InlineData("ip_address", "bind to ::1 only", "::1")]
    [InlineData("secret", "OPENAI_API_KEY=sk-proj-4fH8sK29dLq0ZxPmV7rT3bN1 ok", "sk-proj-4fH8sK29dLq0ZxPmV7rT3bN1")]
    [InlineData("secret", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("secret", "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 end", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789")]
    public void Finds_the_span_and_type(string type, string text, string expected)
    {
        var spans = PiiDetector.Detect(text);
        var span = Assert.Single(spans);
        Assert.Equal(type, span.Type);
        Assert.Equal(expected, text[span.Start..span.End]);
    }

    [Theory]
    [InlineData("Card 4111 1111 1111 1112 fails Luhn")]
    [InlineData("Order 1234567890123 shipped")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01 has a bad checksum")]
    [InlineData("SSN 000-12-3456 and 666-12-3456 and 900-12-3456 are never issued")]
    [InlineData("Version 1.2.3.4.5 and 256.1.1.1 are not addresses")]
    [InlineData("Meet at 12:30:45 on 2024-01-15")]
    [InlineData("Use std::vector<int> and Foo::Bar in C++")]
    [InlineData("pip install scikit-learn; sk-learn-is-not-a-key-at-all")]
    [InlineData("AKIA123 is too short")]
    [InlineData("user@localhost has no domain and @handle is social")]
    [InlineData("Number 555-0100 is a short local number, 123-456-7890 has a bad area code")]
    [InlineData("What is 17 * 23 + 4?")]
    public void Ignores_near_misses(string text) => Assert.Empty(PiiDetector.Detect(text));

    [Fact]
    public void Several_kinds_in_one_text_come_back_in_order_without_overlaps()
    {
        const string text = "I am bob@example.com, card 4242-4242-4242-4242, server 192.168.1.20, key AKIAIOSFODNN7EXAMPLE.";
        var spans = PiiDetector.Detect(text);
        Assert.Equal(["email", "credit_card", "ip_address", "secret"], spans.Select(s => s.Type));
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i].Start >= spans[i - 1].End);
        }
    }

    [Fact]
    public void Redact_replaces_spans_with_typed_placeholders()
    {
        var redacted = PiiRedactor.Redact("Mail bob@example.com or call +1 415 555 2671, SSN 123-45-6789.");
        Assert.Equal("Mail [EMAIL] or call [PHONE], SSN [US_SSN].", redacted);
    }

    [Fact]
    public void Redact_leaves_clean_text_alone()
    {
        const string text = "Nothing personal here.";
        Assert.Same(text, PiiRedactor.Redact(text));
    }

    [Fact]
    public void Luhn_accepts_valid_and_rejects_altered_numbers()
    {
        Assert.True(PiiChecks.Luhn([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
        Assert.False(PiiChecks.Luhn([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
    }

    [Fact]
    public void Iban_checksum_is_validated()
    {
        Assert.True(PiiChecks.IsIban("FR14 2004 1010 0505 0001 3M02 606"));
        Assert.False(PiiChecks.IsIban("FR14 2004 1010 0505 0001 3M02 607"));
        Assert.False(PiiChecks.IsIban("DE89 3704 0044 0532 0130"));
    }
}
