using BenchmarkDotNet.Running;
using Sweep.Bench;

if (args.Length > 0 && args[0] == "kernel-scaling")
{
    return KernelScaling.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "kernel-scaling-plot")
{
    return KernelScalingPlot.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "realization-profile")
{
    return RealizationProfile.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "kernel-ab")
{
    return KernelAb.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
