using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Commands;
using Sweep.Client.Dashboard;
using Sweep.Client.Hosting;

namespace Sweep.CampaignBench;

/// <summary>
/// `--dashboard`: what an open dashboard page costs a run. The silo records its gateway and the
/// dashboard starts in this process on it, as with `sweep run --dashboard`; every round runs the
/// campaign through the grains twice, once with nobody looking and once with an
/// <see cref="OpenPage"/> polling it, in alternating order; prints both medians and the median
/// of the rounds' ratios (with the page / without).
/// </summary>
internal static class DashboardOverhead
{
    public static async Task<int> RunAsync(string specPath, CampaignSpec spec, int slots, int? leaseAhead, int warmup, int repeat)
    {
        await using BenchSilo silo = await BenchSilo.StartAsync(slots, leaseAhead, gateway: true);
        var target = new TargetOptions(silo.Directory, null, null, null, null);
        await using DashboardServer dashboard = await DashboardCommand.StartAsync(new DashboardOptions(0, null, false), target, TextWriter.Null, Console.Error, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        Console.WriteLine($"dashboard at {dashboard.Url}; a page polls every {DashboardHtml.PollMilliseconds} ms");

        var without = new List<double>();
        var with = new List<double>();
        int campaign = 0;
        for (int i = 0; i < warmup + repeat; i++)
        {
            if (i == warmup && warmup > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({warmup} warm-up rounds above, left out of the medians)"));
                without.Clear();
                with.Clear();
            }

            // Alternating which side goes first, so the machine's drift within a round favours neither.
            foreach (bool watched in i % 2 == 0 ? new[] { false, true } : [true, false])
            {
                int round = ++campaign;
                double wall, cpu;
                GcWindow gc = GcWindow.Start();
                if (watched)
                {
                    OpenPage page = OpenPage.Open(http, new Uri(dashboard.Url), BenchSilo.CampaignName(spec, round));
                    await using (page)
                    {
                        (wall, cpu, _, _) = await silo.RunAsync(spec, round);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  with the page open: {wall:F2} s wall, {cpu:F2} s CPU of the process, {page.Requests} requests, {page.Failures} failed; {gc.Report()}"));
                    with.Add(wall);
                }
                else
                {
                    (wall, cpu, _, _) = await silo.RunAsync(spec, round);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  without a page: {wall:F2} s wall, {cpu:F2} s CPU of the process; {gc.Report()}"));
                    without.Add(wall);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {i + 1}: without {without[^1]:F2} s, with the dashboard page {with[^1]:F2} s ({(with[^1] / without[^1] - 1) * 100:F1}%)"));
        }

        double w0 = CampaignOverhead.Median(without), w1 = CampaignOverhead.Median(with);
        List<double> ratios = without.Zip(with, (a, b) => b / a).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spec {specPath}: {slots} slots, {repeat} rounds, each with and without an open dashboard page"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median without {w0:F2} s, median with {w1:F2} s, ratio {w1 / w0:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of the rounds' ratios {CampaignOverhead.Median(ratios):F3} (dashboard overhead {(CampaignOverhead.Median(ratios) - 1) * 100:F1}%); per round: {string.Join(", ", ratios.Select(r => ((r - 1) * 100).ToString("F1", CultureInfo.InvariantCulture) + "%"))}"));
        return 0;
    }
}
