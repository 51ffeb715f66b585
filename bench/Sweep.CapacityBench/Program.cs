return await Sweep.CapacityBench.CapacityRun.RunAsync(args);
