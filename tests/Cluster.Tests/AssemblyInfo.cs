// The tests share one Docker engine, fixed host ports and two cores: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
