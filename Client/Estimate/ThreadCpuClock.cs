using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sweep.Client.Estimate;

/// <summary>
/// The calling thread's CPU seconds (Linux clock_gettime, CLOCK_THREAD_CPUTIME_ID): a timing that
/// other processes on a busy machine do not inflate, as they inflate wall time by preempting it.
/// Elsewhere, and if the call fails, wall time.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    private static readonly bool Available = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Whether <see cref="Seconds"/> is CPU time (true) or wall time.</summary>
    public static bool IsCpuTime => Available;

    public static double Seconds() => Available && TryRead(out double seconds) ? seconds : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static bool TryRead(out double seconds)
    {
        try
        {
            if (ClockGetTime(ClockThreadCpuTimeId, out TimeSpec now) == 0)
            {
                seconds = now.Seconds + (now.Nanoseconds * 1e-9);
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        seconds = 0;
        return false;
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
