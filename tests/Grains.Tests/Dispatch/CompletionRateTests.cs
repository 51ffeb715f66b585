using Sweep.Grains.Dispatch;

namespace Sweep.Grains.Tests.Dispatch;

/// <summary>Batches per second over the last 10 s, as `status` and the dashboard show them per silo.</summary>
public sealed class CompletionRateTests
{
    private static readonly DateTime Start = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);

    private static CompletionRate Rate() => new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), Start);

    [Fact]
    public void Without_events_the_rate_is_zero()
        => Assert.Equal(0, Rate().PerSecond(Start.AddSeconds(30)));

    [Fact]
    public void Events_spread_over_the_full_window_give_their_count_over_its_span()
    {
        CompletionRate rate = Rate();
        // 3 per second from t = 20 s to 29.5 s (the rate has run for far longer than the window).
        for (int i = 0; i < 30; i++)
        {
            rate.Record(Start.AddSeconds(20 + (i / 3.0)));
        }

        DateTime now = Start.AddSeconds(29.999);
        Assert.Equal(3.0, rate.PerSecond(now), 0.05);
    }

    [Fact]
    public void Events_older_than_the_window_no_longer_count()
    {
        CompletionRate rate = Rate();
        for (int i = 0; i < 50; i++)
        {
            rate.Record(Start.AddSeconds(5));
        }

        rate.Record(Start.AddSeconds(14.5));
        Assert.InRange(rate.PerSecond(Start.AddSeconds(14.9)), 50 / 10.0, 51 / 9.0);
        Assert.Equal(1 / 9.5, rate.PerSecond(Start.AddSeconds(19.5)), 1e-9);
        Assert.Equal(0, rate.PerSecond(Start.AddSeconds(25)));
    }

    [Fact]
    public void A_young_rate_divides_by_the_time_since_its_start_not_by_the_window()
    {
        CompletionRate rate = Rate();
        for (int i = 0; i < 6; i++)
        {
            rate.Record(Start.AddSeconds(0.5 * i));
        }

        // 6 events in 3 s: 2 per second, not 0.6 as a full window would say.
        Assert.Equal(2.0, rate.PerSecond(Start.AddSeconds(3)), 1e-9);
    }

    [Fact]
    public void A_first_event_counts_over_one_bucket_at_least()
    {
        CompletionRate rate = Rate();
        rate.Record(Start.AddMilliseconds(1));
        Assert.Equal(1.0, rate.PerSecond(Start.AddMilliseconds(2)), 1e-9);
    }
}
