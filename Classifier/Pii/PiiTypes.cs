namespace HybridInference.Classifier.Pii;

/// <summary>The <c>type</c> values of PII spans on the wire.</summary>
internal static class PiiTypes
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string CreditCard = "credit_card";
    public const string Iban = "iban";
    public const string UsSsn = "us_ssn";
    public const string IpAddress = "ip_address";
    public const string Secret = "secret";
}
