using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Output;

/// <summary>
/// Live progress of a campaign: a Spectre.Console bar on a terminal, plain periodic lines (as
/// in batch-job logs) when output is redirected. The bar and the ETA follow the cost of the
/// work (<see cref="CampaignEta"/>), not its count of realizations: the first points dispatched
/// are the most expensive.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly TimeSpan _plainPeriod;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _realizationsAtStart;
    private readonly CampaignEtaTracker _eta = new(ThroughputWindow);
    private readonly Task<IReadOnlyDictionary<GridPoint, double>?> _calibration;
    private TimeSpan? _lastPlain;

    /// <summary>Long enough to span several batches of a typical point, short enough to follow a change of pace.</summary>
    public static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(60);

    /// <param name="calibration">One core's CPU seconds per realization by grid point, to price what no batch has measured yet; may complete late or give null.</param>
    public ProgressReporter(TextWriter output, bool interactive, long realizationsAtStart, TimeSpan plainPeriod, Task<IReadOnlyDictionary<GridPoint, double>?>? calibration = null)
    {
        _out = output;
        _interactive = interactive;
        _realizationsAtStart = realizationsAtStart;
        _plainPeriod = plainPeriod;
        _calibration = calibration ?? Task.FromResult<IReadOnlyDictionary<GridPoint, double>?>(null);
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
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask(Line(last), maxValue: 1000);
                last = await Loop(
                    poll,
                    interval,
                    s =>
                    {
                        task.Description = Markup.Escape(Line(s, out CampaignEta eta));
                        task.Value = 1000 * (eta.DoneFraction ?? (double)s.RealizationsDone / Math.Max(1, s.RealizationsTarget));
                    },
                    cancellationToken);
                task.Value = last.Finished ? 1000 : task.Value;
            });
        return last;
    }

    public string Line(CampaignStatus s) => Line(s, out _);

    /// <summary>The progress line; samples the throughput, so call it once per poll.</summary>
    public string Line(CampaignStatus s, out CampaignEta eta)
    {
        double seconds = Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        double rate = (s.RealizationsDone - _realizationsAtStart) / seconds;
        // Wall time from the submission, so that compute merged before this client followed the
        // campaign is set against the time it took.
        double wall = s.SubmittedAt is { } at ? Math.Max(seconds, (DateTimeOffset.UtcNow - at).TotalSeconds) : seconds;
        eta = _eta.Observe(wall, s, _calibration.IsCompletedSuccessfully ? _calibration.Result : null);
        string cost = eta.DoneFraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{100 * f:F0}% of the cost done, ") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"points {s.PointsDone}/{s.Points} done, {s.PointsFailed} failed; realizations {s.RealizationsDone}/{s.RealizationsTarget} ({rate:F1}/s); {cost}ETA {eta.RemainingText}");
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
