using Sweep.Client.Commands;
using Sweep.Client.Hosting;
using Sweep.Client.Output;
using Sweep.Client.Progress;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Dashboard;

/// <summary>
/// What the dashboard shows, read through the one read path of every command
/// (<see cref="ICampaignTarget"/>), one read at a time whatever the number of open pages:
/// statuses at most once per <see cref="Freshness"/>, the scaling table only for Fig. 2 (drawn
/// as <see cref="ReportFreshness"/> allows) and for the table's own endpoint, and a point's
/// result only when its page is asked for.
/// A target that stops answering (the local run it followed has ended) is resolved again on
/// the next read.
/// </summary>
internal sealed class DashboardReads : IAsyncDisposable
{
    /// <summary>How old a read may be before a page asks for a new one.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task<ICampaignTarget>> _open;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (DateTime At, CampaignStatus Status)> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime At, ScalingTable Table)> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuiltFigures> _figures = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Campaign, string Stem), BuiltPoint> _points = [];
    private readonly Dictionary<string, (CampaignEtaTracker Tracker, CampaignEta Eta)> _etas = new(StringComparer.Ordinal);
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
            CampaignStatus status = await FreshStatus(name, cancellationToken);
            return (status, Eta(status));
        },
        cancellationToken);

    /// <summary>The campaign's scaling table, read at most once per <see cref="Freshness"/> (no report is built for it).</summary>
    public Task<ScalingTable> TableAsync(string name, CancellationToken cancellationToken) => Locked(
        async () =>
        {
            if (_tables.TryGetValue(name, out var cached) && DateTime.UtcNow - cached.At < Freshness)
            {
                return cached.Table;
            }

            ScalingTable table = (await WithTarget(t => t.ReadAsync(name, withResults: false, cancellationToken), cancellationToken)).Table;
            _tables[name] = (DateTime.UtcNow, table);
            return table;
        },
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
    /// The campaign's Fig. 2(a), (b) and (c), drawn from the status read (the finished points'
    /// fits and the scaling table) when more points have finished, as often as
    /// <see cref="ReportFreshness"/> allows: no point's curves are read for them.
    /// </summary>
    public Task<CampaignFigures> FiguresAsync(string name, CancellationToken cancellationToken) => Locked(
        async () => (await Figures(name, cancellationToken)).Figures,
        cancellationToken);

    /// <summary>
    /// The page of the finished point whose file stem (<see cref="ExportCommand.FileStem"/>) is
    /// <paramref name="stem"/>, read alone and kept while its realization count stands, or null
    /// when the campaign has no such point or it has not finished.
    /// </summary>
    public Task<PointPage?> PointAsync(string name, string stem, CancellationToken cancellationToken) => Locked(
        async () => (await Point(name, stem, cancellationToken))?.Page,
        cancellationToken);

    /// <summary>
    /// One file of a figure, drawn once per build of what it shows whatever the number of pages
    /// asking (a campaign page asks again whenever a point finishes), or null when there is no
    /// such figure (yet) or the format is not one of svg, png and csv. Stems under "points/" are
    /// a point page's figures; the others are the campaign's.
    /// </summary>
    public Task<FigureFile?> FigureAsync(string name, string stem, string ext, CancellationToken cancellationToken) => Locked(
        async () =>
        {
            Built? built;
            Figure? figure;
            if (PointStemOf(stem) is { } pointStem)
            {
                BuiltPoint? point = await Point(name, pointStem, cancellationToken);
                built = point;
                figure = point?.Page.HasFigure(stem) == true ? point.Page.Figures.First(f => f.Stem == stem) : null;
            }
            else
            {
                BuiltFigures figures = await Figures(name, cancellationToken);
                built = figures;
                figure = figures.Figures.FindFigure(stem);
            }

            if (built is null || figure is null)
            {
                return null;
            }

            string key = stem + ext;
            if (built.Files.TryGetValue(key, out FigureFile? file))
            {
                return file;
            }

            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            file = FigureFile.Draw(figure, ext);
            built.CostSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (file is not null)
            {
                built.Files[key] = file;
            }

            return file;
        },
        cancellationToken);

    // "points/d3_alpha6_x0.001_N256_mag" is a figure of the point "d3_alpha6_x0.001_N256".
    private static string? PointStemOf(string figureStem)
    {
        const string prefix = "points/";
        int last = figureStem.LastIndexOf('_');
        return figureStem.StartsWith(prefix, StringComparison.Ordinal) && last > prefix.Length ? figureStem[prefix.Length..last] : null;
    }

    private async Task<BuiltFigures> Figures(string name, CancellationToken cancellationToken)
    {
        int done = (await FreshStatus(name, cancellationToken)).PointsDone;
        if (_figures.TryGetValue(name, out BuiltFigures? cached) && !ReportFreshness.Stale(cached.At, cached.Done, cached.CostSeconds, DateTime.UtcNow, done))
        {
            return cached;
        }

        // The fits and the table from one read, so that the figures agree with each other.
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        CampaignReadout readout = await WithTarget(t => t.ReadAsync(name, withResults: false, cancellationToken), cancellationToken);
        CampaignFigures figures = ReportBuilder.Fig2(FittedPoint.FinishedOf(readout.Status.PointSummaries), readout.Table);
        var built = new BuiltFigures(DateTime.UtcNow, readout.Status.PointsDone, figures) { CostSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds };
        _figures[name] = built;
        return built;
    }

    private async Task<BuiltPoint?> Point(string name, string stem, CancellationToken cancellationToken)
    {
        CampaignStatus status = await FreshStatus(name, cancellationToken);
        PointSummary? summary = status.PointSummaries.FirstOrDefault(p => p.Status == PointStatus.Done && ExportCommand.FileStem(p.Key) == stem);
        if (summary is null)
        {
            return null;
        }

        (string, string) key = (name, stem);
        if (_points.TryGetValue(key, out BuiltPoint? cached) && cached.Done == summary.RealizationsDone)
        {
            return cached;
        }

        (PointResult? result, PointSettingsData? settings) = await WithTarget(t => t.ReadPointAsync(name, summary.Key, cancellationToken), cancellationToken);
        if (result is null)
        {
            return null;
        }

        var page = new PointPage(result, ReportBuilder.UnitNote(settings)) { Target = summary.Target is null ? null : TableWriter.TargetText(summary) };
        var built = new BuiltPoint(DateTime.UtcNow, summary.RealizationsDone, page);
        _points[key] = built;
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

    private async Task<CampaignStatus> FreshStatus(string name, CancellationToken cancellationToken)
    {
        if (_statuses.TryGetValue(name, out var cached) && DateTime.UtcNow - cached.At < Freshness)
        {
            return cached.Status;
        }

        CampaignStatus status = await WithTarget(t => t.ReadStatusAsync(name, cancellationToken), cancellationToken);
        _statuses[name] = (DateTime.UtcNow, status);
        if (status.SubmittedAt is { } at)
        {
            CampaignEtaTracker tracker = _etas.TryGetValue(name, out var known) ? known.Tracker : new CampaignEtaTracker(Output.ProgressReporter.ThroughputWindow);
            IReadOnlyDictionary<GridPoint, double>? calibrated = _calibration is { IsCompletedSuccessfully: true } done ? done.Result : null;
            _etas[name] = (tracker, tracker.Observe((DateTimeOffset.UtcNow - at).TotalSeconds, status, calibrated));
        }

        return status;
    }

    private CampaignEta? Eta(CampaignStatus status)
    {
        if (status.Finished || status.SubmittedAt is null)
        {
            return null;
        }

        // Computed when the status was read, which sampled the tracker: a page that asks twice samples once.
        return _etas.TryGetValue(status.Name, out var known) ? known.Eta : null;
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

    /// <summary>
    /// Figures built at one count of finished points (or of a point's realizations), what they
    /// have cost so far (building, drawing) and the files drawn from them.
    /// </summary>
    private abstract class Built(DateTime at, long done)
    {
        public DateTime At { get; } = at;

        public long Done { get; } = done;

        public double CostSeconds { get; set; }

        public Dictionary<string, FigureFile> Files { get; } = new(StringComparer.Ordinal);
    }

    private sealed class BuiltFigures(DateTime at, long done, CampaignFigures figures) : Built(at, done)
    {
        public CampaignFigures Figures { get; } = figures;
    }

    private sealed class BuiltPoint(DateTime at, long done, PointPage page) : Built(at, done)
    {
        public PointPage Page { get; } = page;
    }
}
