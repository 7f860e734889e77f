using System.Globalization;

namespace HybridInference.Dashboard.Fabric;

/// <summary>Control's exact decimal money strings, shown to the cent (sub-cent amounts to four places, so they are not shown as zero).</summary>
internal static class Money
{
    public static string Format(string exact) =>
        decimal.TryParse(exact, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value != 0 && Math.Abs(value) < 0.01m ? value.ToString("0.0000", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture)
            : exact;
}
