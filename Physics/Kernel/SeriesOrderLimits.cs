using System.Collections.Concurrent;

namespace Sweep.Physics.Kernel;

/// <summary>
/// How many orders of the log-cosine series a far pair needs at the largest tau, for the
/// accelerated kernel's set-up from version 5 on. limits[m] is the largest x with
/// R_m(x) &lt;= <c>share</c> (<see cref="LogCosineSeries.RemainderBound"/>): a pair whose x at the
/// largest tau is at most limits[m] may leave out every order above m, and what it leaves out is
/// at most <c>share</c> at that tau and less at every later one (|tau| only decreases, and R_m
/// grows with x). A spin has at most N - 1 such pairs, so its dropped tail is at most
/// (N - 1) share, a constant the kernel adds to each spin's error bound.
/// <para>
/// The limits are found by bisection over doubles on the bound itself, IEEE operations only, so
/// they are the same on every machine; they depend on the share and the order count alone and
/// are kept once computed.
/// </para>
/// </summary>
internal static class SeriesOrderLimits
{
    private static readonly ConcurrentDictionary<(double Share, int Orders), double[]> Known = new();

    /// <summary>limits[m] for m = 0 .. <paramref name="orders"/> - 1, ascending, each at most <paramref name="farLimit"/>.</summary>
    internal static double[] For(double share, int orders, double farLimit)
    {
        if (!(share > 0) || !double.IsFinite(share))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the share of the budget must be positive and finite");
        }

        return Known.GetOrAdd((share, orders), key => Compute(key.Share, key.Orders, farLimit));
    }

    private static double[] Compute(double share, int orders, double farLimit)
    {
        var limits = new double[orders];
        for (int m = 0; m < orders; m++)
        {
            if (LogCosineSeries.RemainderBound(m, farLimit) <= share)
            {
                limits[m] = farLimit;
                continue;
            }

            // The bound is 0 at 0 and non-decreasing in x (as computed, too: every operation is
            // monotonic), so bisection keeps lo within the share.
            double lo = 0.0;
            double hi = farLimit;
            for (int step = 0; step < 200; step++)
            {
                double mid = lo + ((hi - lo) / 2);
                if (mid <= lo || mid >= hi)
                {
                    break;
                }

                if (LogCosineSeries.RemainderBound(m, mid) <= share)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            limits[m] = lo;
        }

        return limits;
    }
}
