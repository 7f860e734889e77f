using HybridInference.Router.Requests;

namespace HybridInference.Router.Tests.Requests;

public sealed class RequestIdsTests
{
    [Fact]
    public void Ids_are_uuid_v7_hex_that_parse_as_guids_and_carry_their_millisecond()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_798_000_000_123);

        var id = RequestIds.Next(at);

        Assert.Matches("^req_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(id[4..16], 16));
        Assert.Equal(7, Guid.ParseExact(id[4..], "N").Version);
    }

    [Fact]
    public void Ids_sort_by_time_and_do_not_repeat()
    {
        var start = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 100_000).Select(i => RequestIds.Next(start.AddMilliseconds(i / 1000))).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(RequestIds.Next(start.AddSeconds(1)).CompareTo(RequestIds.Next(start)) > 0);
    }
}
