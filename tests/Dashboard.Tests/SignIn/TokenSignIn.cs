using System.Text.RegularExpressions;

namespace HybridInference.Dashboard.Tests.SignIn;

/// <summary>Signs in at <c>/signin</c> with the admin token the way the page's form does, antiforgery field included.</summary>
internal static partial class TokenSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string token, string returnUrl)
    {
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = antiforgery, ["Input.Token"] = token, ["Input.ReturnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
