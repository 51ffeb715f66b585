using System.Globalization;

namespace Sweep.CampaignBench;

/// <summary>
/// CPU seconds of this process, split into the compute pool's slot threads ("sweep-compute-N",
/// read from /proc/self/task) and everything else (thread pool, timers, JIT, GC: the process
/// total minus the slots, so threads that exited in between still count). The split shows the
/// orchestration's own CPU apart from the kernel's, which machine noise moves by several percent
/// between rounds.
/// </summary>
internal readonly record struct ThreadCpu(double Compute, double Other)
{
    // Linux reports utime and stime in clock ticks, 100 per second on every common configuration.
    private const double TicksPerSecond = 100;

    public static ThreadCpu Read()
    {
        double compute = 0;
        double total = CampaignOverhead.ProcessCpuSeconds();
        if (!Directory.Exists("/proc/self/task"))
        {
            return new ThreadCpu(double.NaN, double.NaN);
        }

        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                // The thread's name is in parentheses and may hold spaces; the fields after it
                // are space-separated, utime and stime being the 12th and 13th.
                int open = stat.IndexOf('(', StringComparison.Ordinal);
                int close = stat.LastIndexOf(')');
                string name = stat[(open + 1)..close];
                string[] fields = stat[(close + 2)..].Split(' ');
                double seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                if (name.StartsWith("sweep-compute", StringComparison.Ordinal))
                {
                    compute += seconds;
                }
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }

        return new ThreadCpu(compute, total - compute);
    }

    public string Since(ThreadCpu start)
        => string.Create(CultureInfo.InvariantCulture, $"CPU {Compute - start.Compute:F2} s on the compute slots, {Other - start.Other:F2} s on other threads");
}
