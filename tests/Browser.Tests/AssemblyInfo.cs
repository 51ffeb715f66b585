// One Chromium and one computing `sweep run` at a time: on two cores, two of each would slow
// the runs past the tests' time limits.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Debian's chromium and chromium-driver, and the signals the tests send, exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
