using System.Runtime.InteropServices;

namespace Sweep.Bench;

/// <summary>The calling thread's CPU time (Linux clock_gettime, CLOCK_THREAD_CPUTIME_ID).</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    internal static double Seconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out TimeSpec now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return now.Seconds + (now.Nanoseconds * 1e-9);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
