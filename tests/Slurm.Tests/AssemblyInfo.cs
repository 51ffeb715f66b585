// One Slurm node with two CPUs, fixed by scripts/provision-slurm: one job at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Slurm and these tests' file modes exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
