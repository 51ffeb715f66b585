return args.Length > 0 && args[0] == "snapshot-size" ? Sweep.CampaignBench.SnapshotSize.Run(args[1..])
    : args.Length > 0 && args[0] == "eta-prices" ? Sweep.CampaignBench.EtaPrices.Run(args[1..])
    : args.Length > 0 && args[0] == "eta-replay" ? Sweep.CampaignBench.EtaReplay.Run(args[1..])
    : args.Length > 0 && args[0] == "thread-spread" ? Sweep.CampaignBench.ThreadSpread.Run(args[1..])
    : await Sweep.CampaignBench.CampaignOverhead.RunAsync(args);
