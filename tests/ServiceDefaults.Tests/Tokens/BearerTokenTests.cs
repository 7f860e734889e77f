using HybridInference.ServiceDefaults.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HybridInference.ServiceDefaults.Tests.Tokens;

public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer sk-abc", "sk-abc")]
    [InlineData("bearer sk-abc", "sk-abc")]
    [InlineData("BEARER   sk-abc  ", "sk-abc")]
    [InlineData("  Bearer a.b.c", "a.b.c")]
    public void Token_is_read_whatever_the_schemes_case_and_the_spaces(string header, string expected)
    {
        Assert.True(BearerToken.TryRead(new StringValues(header), out var token));
        Assert.Equal(expected, token.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearersk-abc")]
    [InlineData("sk-abc")]
    public void Anything_but_a_bearer_token_is_no_token(string header) =>
        Assert.False(BearerToken.TryRead(new StringValues(header), out _));

    [Fact]
    public void A_missing_or_repeated_header_is_no_token()
    {
        Assert.False(BearerToken.TryRead(StringValues.Empty, out _));
        Assert.False(BearerToken.TryRead(new StringValues(["Bearer a", "Bearer b"]), out _));
    }

    [Fact]
    public void Token_is_a_slice_of_the_header_not_a_copy()
    {
        const string header = "Bearer sk-abc";

        Assert.True(BearerToken.TryRead(new StringValues(header), out var token));

        Assert.True(header.AsSpan().Overlaps(token));
    }

    [Fact]
    public void Token_is_read_from_a_requests_authorization_header()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer sk-abc";

        Assert.True(BearerToken.TryRead(context.Request, out var token));
        Assert.Equal("sk-abc", token.ToString());
    }
}
