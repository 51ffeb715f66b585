using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>
/// Live progress of a campaign: a Spectre.Console bar on a terminal, plain periodic lines (as
/// in batch-job logs) when output is redirected.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly TimeSpan _plainPeriod;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _realizationsAtStart;
    private TimeSpan? _lastPlain;

    public ProgressReporter(TextWriter output, bool interactive, long realizationsAtStart, TimeSpan plainPeriod)
    {
        _out = output;
        _interactive = interactive;
        _realizationsAtStart = realizationsAtStart;
        _plainPeriod = plainPeriod;
    }

    /// <summary>Polls the status until it is finished or cancellation is asked for.</summary>
    public async Task<CampaignStatus> FollowAsync(Func<Task<CampaignStatus>> poll, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!_interactive)
        {
            return await Loop(poll, interval, s => WritePlain(s, force: false), cancellationToken);
        }

        CampaignStatus last = await poll();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask(Line(last), maxValue: Math.Max(1, last.RealizationsTarget));
                last = await Loop(
                    poll,
                    interval,
                    s =>
                    {
                        task.MaxValue = Math.Max(1, s.RealizationsTarget);
                        task.Value = s.RealizationsDone;
                        task.Description = Markup.Escape(Line(s));
                    },
                    cancellationToken);
                task.Value = last.RealizationsDone;
            });
        return last;
    }

    public string Line(CampaignStatus s)
    {
        double seconds = Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        double rate = (s.RealizationsDone - _realizationsAtStart) / seconds;
        long left = s.RealizationsTarget - s.RealizationsDone;
        string eta = rate > 0 && left > 0 ? TimeSpan.FromSeconds(Math.Round(left / rate)).ToString("c", CultureInfo.InvariantCulture) : "--";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"points {s.PointsDone}/{s.Points} done, {s.PointsFailed} failed; realizations {s.RealizationsDone}/{s.RealizationsTarget} ({rate:F1}/s, ETA {eta})");
    }

    public void WritePlain(CampaignStatus s, bool force)
    {
        if (!force && _lastPlain is { } last && _clock.Elapsed - last < _plainPeriod)
        {
            return;
        }

        _lastPlain = _clock.Elapsed;
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:F1} s] {Line(s)}"));
        _out.Flush();
    }

    private static async Task<CampaignStatus> Loop(Func<Task<CampaignStatus>> poll, TimeSpan interval, Action<CampaignStatus> show, CancellationToken cancellationToken)
    {
        while (true)
        {
            CampaignStatus status = await poll();
            show(status);
            if (status.Finished || status.DiskFull is not null || cancellationToken.IsCancellationRequested)
            {
                return status;
            }

            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return await poll();
            }
        }
    }
}
