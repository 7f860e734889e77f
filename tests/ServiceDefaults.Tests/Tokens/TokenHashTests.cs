using HybridInference.ServiceDefaults.Tokens;
using Microsoft.AspNetCore.Http;

namespace HybridInference.ServiceDefaults.Tests.Tokens;

public sealed class TokenHashTests
{
    [Fact]
    public void The_configured_token_matches_and_nothing_else_does()
    {
        var hash = TokenHash.Of("s3cret-token");

        Assert.True(hash.IsSet);
        Assert.True(hash.Matches("s3cret-token"));
        Assert.False(hash.Matches("s3cret-tokeN"));
        Assert.False(hash.Matches("s3cret-toke"));
        Assert.False(hash.Matches("s3cret-token-and-more"));
        Assert.False(hash.Matches(""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_unset_token_matches_nothing_not_even_empty(string? configured)
    {
        var hash = TokenHash.Of(configured);

        Assert.False(hash.IsSet);
        Assert.False(hash.Matches(""));
        Assert.False(hash.Matches("anything"));
    }

    [Fact]
    public void Tokens_longer_than_the_stack_buffer_and_non_ascii_ones_are_compared_whole()
    {
        var configured = new string('k', 4000) + "é";
        var hash = TokenHash.Of(configured);

        Assert.True(hash.Matches(configured));
        Assert.False(hash.Matches(new string('k', 4000) + "e"));
    }

    [Fact]
    public void Reading_and_checking_a_presented_token_allocates_nothing()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer s3cret-token";
        var hash = TokenHash.Of("s3cret-token");
        Assert.True(hash.IsPresentedBy(context.Request));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var presented = hash.IsPresentedBy(context.Request);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(presented);
    }

    [Theory]
    [InlineData("Bearer s3cret", true)]
    [InlineData("bearer s3cret", true)]
    [InlineData("Bearer wrong", false)]
    [InlineData("Basic s3cret", false)]
    [InlineData(null, false)]
    public void A_request_presents_the_token_only_as_a_bearer_token(string? authorization, bool presented)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        Assert.Equal(presented, TokenHash.Of("s3cret").IsPresentedBy(context.Request));
    }
}
