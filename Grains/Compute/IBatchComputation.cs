using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>
/// What a compute slot runs for one batch, on the slot's own thread. Every silo runs the
/// physics (<see cref="PhysicsBatchComputation"/>); the capacity harness (bench/Sweep.CapacityBench)
/// registers a synthetic one that waits instead of computing, so that everything around the
/// physics (dispatch, storage, Redis) can be loaded with more slots than the machine has cores.
/// </summary>
public interface IBatchComputation
{
    BatchResult Run(BatchWork work, CancellationToken cancellationToken);
}
