using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>The computation every silo registers by default: the batch through the physics library.</summary>
public sealed class PhysicsBatchComputation : IBatchComputation
{
    public BatchResult Run(BatchWork work, CancellationToken cancellationToken) => BatchComputation.Run(work, cancellationToken);
}
