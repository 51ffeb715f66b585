using Sweep.Client.Hosting;
using Sweep.Client.Progress;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Dashboard;

/// <summary>
/// What the dashboard shows, read through the one read path of every command
/// (<see cref="ICampaignTarget"/>): statuses and reports, each read at most once per
/// <see cref="Freshness"/> whatever the number of open pages, one read at a time. A target that
/// stops answering (the local run it followed has ended) is resolved again on the next read.
/// </summary>
internal sealed class DashboardReads : IAsyncDisposable
{
    /// <summary>How old a read may be before a page asks for a new one.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task<ICampaignTarget>> _open;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (DateTime At, CampaignReadout Readout)> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuiltReport> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SlotThroughput> _throughput = new(StringComparer.Ordinal);
    private (DateTime At, IReadOnlyList<string> Names)? _names;
    private (DateTime At, ComputeLoad Load)? _load;
    private ICampaignTarget? _target;

    private readonly Task<IReadOnlyDictionary<GridPoint, double>?>? _calibration;

    /// <param name="calibration">Per-point prices for the ETA, as `sweep run` makes them; null where none are made.</param>
    public DashboardReads(Func<CancellationToken, Task<ICampaignTarget>> open, Task<IReadOnlyDictionary<GridPoint, double>?>? calibration = null)
    {
        _open = open;
        _calibration = calibration;
    }

    /// <summary>Where the campaigns are read from, once a read has resolved it.</summary>
    public string Description => _target?.Description ?? "(not read yet)";

    public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) => Locked(
        async () =>
        {
            if (_names is { } cached && DateTime.UtcNow - cached.At < Freshness)
            {
                return cached.Names;
            }

            IReadOnlyList<string> names = await WithTarget(t => t.CampaignNamesAsync(cancellationToken), cancellationToken);
            _names = (DateTime.UtcNow, names);
            return names;
        },
        cancellationToken);

    /// <summary>The campaign's status and its ETA (<see cref="CampaignEta"/>, sampled on each fresh read).</summary>
    public Task<(CampaignStatus Status, CampaignEta? Eta)> StatusAsync(string name, CancellationToken cancellationToken) => Locked(
        async () =>
        {
            CampaignStatus status = (await FreshStatus(name, cancellationToken)).Status;
            return (status, Eta(status));
        },
        cancellationToken);

    /// <summary>The campaign's scaling table, from the same read as its status (no report is built for it).</summary>
    public Task<ScalingTable> TableAsync(string name, CancellationToken cancellationToken) => Locked(
        async () => (await FreshStatus(name, cancellationToken)).Table,
        cancellationToken);

    /// <summary>What the compute slots do (the dispatcher's load), read at most once per <see cref="Freshness"/>.</summary>
    public Task<ComputeLoad> LoadAsync(CancellationToken cancellationToken) => Locked(
        async () =>
        {
            if (_load is { } cached && DateTime.UtcNow - cached.At < Freshness)
            {
                return cached.Load;
            }

            ComputeLoad load = await WithTarget(t => t.LoadAsync(cancellationToken), cancellationToken);
            _load = (DateTime.UtcNow, load);
            return load;
        },
        cancellationToken);

    /// <summary>
    /// Every figure of the campaign's report but Fig. 1 (the campaign page shows none, so no
    /// snapshots are read), built again when more points have finished, as often as
    /// <see cref="ReportFreshness"/> allows; point pages are drawn when asked for.
    /// </summary>
    public Task<ReportContents> ReportAsync(string name, CancellationToken cancellationToken) => Locked(
        async () => (await Report(name, cancellationToken)).Contents,
        cancellationToken);

    /// <summary>
    /// One file of a figure of the report, drawn once per build of the report whatever the
    /// number of pages asking (a page asks again whenever a point finishes), or null when the
    /// report has no such figure (yet) or the format is not one of svg, png and csv.
    /// </summary>
    public Task<FigureFile?> FigureAsync(string name, string stem, string ext, CancellationToken cancellationToken) => Locked(
        async () =>
        {
            BuiltReport report = await Report(name, cancellationToken);
            string key = stem + ext;
            if (report.Files.TryGetValue(key, out FigureFile? file))
            {
                return file;
            }

            if (report.Contents.FindFigure(stem) is not { } figure)
            {
                return null;
            }

            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            file = FigureFile.Draw(figure, ext);
            report.CostSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (file is not null)
            {
                report.Files[key] = file;
            }

            return file;
        },
        cancellationToken);

    private async Task<BuiltReport> Report(string name, CancellationToken cancellationToken)
    {
        CampaignStatus status = (await FreshStatus(name, cancellationToken)).Status;
        if (_reports.TryGetValue(name, out BuiltReport? cached) && !ReportFreshness.Stale(cached.At, cached.Done, cached.CostSeconds, DateTime.UtcNow, status.PointsDone))
        {
            return cached;
        }

        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        ReportSource source = await WithTarget(t => t.ReadReportAsync(name, withSnapshots: false, cancellationToken), cancellationToken);
        ReportContents report = ReportBuilder.Build(source, fig1Point: null);
        var built = new BuiltReport(DateTime.UtcNow, status.PointsDone, report) { CostSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds };
        _reports[name] = built;
        return built;
    }

    public Task<CancelOutcome> CancelAsync(string name, CancellationToken cancellationToken) => Locked(
        async () =>
        {
            CancelOutcome outcome = await WithTarget(t => t.CancelAsync(name, cancellationToken), cancellationToken);
            _statuses.Remove(name);
            return outcome;
        },
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<CampaignReadout> FreshStatus(string name, CancellationToken cancellationToken)
    {
        if (_statuses.TryGetValue(name, out var cached) && DateTime.UtcNow - cached.At < Freshness)
        {
            return cached.Readout;
        }

        CampaignReadout readout = await WithTarget(t => t.ReadAsync(name, withResults: false, cancellationToken), cancellationToken);
        CampaignStatus status = readout.Status;
        _statuses[name] = (DateTime.UtcNow, readout);
        if (status.SubmittedAt is { } at)
        {
            if (!_throughput.TryGetValue(name, out SlotThroughput? slots))
            {
                _throughput[name] = slots = new SlotThroughput(Output.ProgressReporter.ThroughputWindow);
            }

            slots.Add((DateTimeOffset.UtcNow - at).TotalSeconds, status.PointSummaries.Sum(p => p.ComputeSeconds));
        }

        return readout;
    }

    private CampaignEta? Eta(CampaignStatus status)
    {
        if (status.Finished || status.SubmittedAt is null)
        {
            return null;
        }

        double? slots = _throughput.TryGetValue(status.Name, out SlotThroughput? s) ? s.SlotsBusy : null;
        IReadOnlyDictionary<GridPoint, double>? calibrated = _calibration is { IsCompletedSuccessfully: true } done ? done.Result : null;
        return CampaignEta.Of(status, RealizationCostModel.Learn(status.PointSummaries, calibrated), slots);
    }

    private async Task<T> WithTarget<T>(Func<ICampaignTarget, Task<T>> read, CancellationToken cancellationToken)
    {
        _target ??= await _open(cancellationToken);
        try
        {
            return await read(_target);
        }
        catch (Exception e) when (e is not Cli.UsageException and not OperationCanceledException)
        {
            // The run this target followed may have ended: resolve it again next time.
            ICampaignTarget stale = _target;
            _target = null;
            _names = null;
            await stale.DisposeAsync();
            throw;
        }
    }

    private async Task<T> Locked<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A build of a campaign's report, what it has cost so far (reading, building, drawing) and the figure files drawn from it.</summary>
    private sealed record BuiltReport(DateTime At, int Done, ReportContents Contents)
    {
        public double CostSeconds { get; set; }

        public Dictionary<string, FigureFile> Files { get; } = new(StringComparer.Ordinal);
    }
}
