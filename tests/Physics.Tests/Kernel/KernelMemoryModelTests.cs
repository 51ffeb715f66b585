using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

public class KernelMemoryModelTests
{
    // The .NET runtime's own resident set in those processes (the N = 1,300 lines: 42 MB).
    private const double RuntimeMegabytes = 40;

    private static readonly SpinKernelChoice Latest = SpinKernelChoice.Accelerated();

    private static readonly SpinKernelChoice Version1 = SpinKernelChoice.Accelerated(AcceleratedSpinProductKernel.DefaultTolerance, 1);

    /// <summary>
    /// Peak resident sets of one realization, T = 200, from docs/kernel-scaling.csv and
    /// docs/PERFORMANCE.md (the cell kernel): version 1 at N = 4,096 (104 MB) and, from the
    /// issue, 10,400 and 20,800 (0.47 and 1.75 GB); the cell kernel from 65,536 to 10^6 spins.
    /// Smaller cases are dominated by the runtime and say nothing about the kernel.
    /// </summary>
    public static TheoryData<string, int, int, double> Measured => new()
    {
        { "v1", 3, 4096, 104 },
        { "v1", 3, 10400, 470 },
        { "v1", 3, 20800, 1750 },
        { "v2", 3, 262144, 193 },
        { "v2", 3, 1000000, 674 },
        { "v2", 2, 1000000, 623 },
        { "v2", 1, 1000000, 593 },
        { "v2", 2, 262144, 186 },
        { "v2", 1, 262144, 183 },
    };

    [Theory]
    [MemberData(nameof(Measured))]
    public void Model_is_within_a_factor_of_two_of_the_measured_peak(string kernel, int d, int n, double peakMegabytes)
    {
        SpinKernelChoice choice = kernel == "v1" ? Version1 : Latest;
        double modelMegabytes = KernelMemoryModel.BytesPerSlot(choice, d, n, 200) / 1e6;
        double measured = peakMegabytes - RuntimeMegabytes;
        Assert.InRange(modelMegabytes / measured, 0.5, 2.0);
    }

    [Fact]
    public void Packed_kernels_grow_as_N_squared_and_the_cell_kernel_linearly()
    {
        double exact = KernelMemoryModel.BytesPerSlot(SpinKernelChoice.Exact, 3, 20000, 200) / KernelMemoryModel.BytesPerSlot(SpinKernelChoice.Exact, 3, 10000, 200);
        double cells = KernelMemoryModel.BytesPerSlot(Latest, 3, 2000000, 200) / KernelMemoryModel.BytesPerSlot(Latest, 3, 1000000, 200);
        Assert.InRange(exact, 3.9, 4.0);
        Assert.InRange(cells, 1.95, 2.0);
    }

    [Fact]
    public void Version_2_is_version_1_below_the_cell_kernel_threshold()
    {
        int below = CellSpinProductKernel.MinSpins - 1;
        Assert.Equal(KernelMemoryModel.BytesPerSlot(Version1, 2, below, 200), KernelMemoryModel.BytesPerSlot(Latest, 2, below, 200));
        Assert.True(KernelMemoryModel.BytesPerSlot(Latest, 2, CellSpinProductKernel.MinSpins, 200) < KernelMemoryModel.BytesPerSlot(Version1, 2, CellSpinProductKernel.MinSpins, 200) / 10);
    }

    [Fact]
    public void No_size_overflows_the_model()
    {
        double bytes = KernelMemoryModel.BytesPerSlot(SpinKernelChoice.Exact, 3, int.MaxValue, int.MaxValue);
        Assert.True(double.IsFinite(bytes) && bytes > 1e19, $"{bytes}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Largest_N_is_the_last_that_fits(int d)
    {
        const double budget = 4.0 * (1L << 30);
        foreach (SpinKernelChoice kernel in new[] { SpinKernelChoice.Exact, Version1, Latest })
        {
            int n = KernelMemoryModel.LargestN(kernel, d, 200, budget);
            Assert.True(KernelMemoryModel.BytesPerSlot(kernel, d, n, 200) <= budget);
            Assert.True(KernelMemoryModel.BytesPerSlot(kernel, d, n + 1, 200) > budget);
        }
    }

    [Fact]
    public void Packed_couplings_stop_being_indexable_where_their_length_overflows()
    {
        int n = KernelMemoryModel.LargestIndexableN(SpinKernelChoice.Exact, 3);
        _ = Sweep.Physics.Couplings.CouplingMatrix.PackedLength(n);
        Assert.Throws<OverflowException>(() => Sweep.Physics.Couplings.CouplingMatrix.PackedLength(n + 1));
    }
}
