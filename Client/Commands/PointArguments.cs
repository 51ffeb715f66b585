namespace Sweep.Client.Commands;

/// <summary>
/// What `sweep point` was asked for, as given on the command line: null where an optional
/// option was not given (PointCommand applies the default and checks the ranges).
/// </summary>
internal sealed record PointArguments(
    int D,
    double Alpha,
    double X,
    int N,
    int Ns,
    ulong? Seed,
    string? TimeUnit,
    int? TPoints,
    int? Threads,
    string? Kernel,
    double? Tolerance,
    int? KernelVersion,
    bool Json);
