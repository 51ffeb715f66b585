return await Sweep.CampaignBench.CampaignOverhead.RunAsync(args);
