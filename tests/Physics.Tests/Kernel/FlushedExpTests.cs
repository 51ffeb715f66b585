using System.Runtime.Intrinsics;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

public class FlushedExpTests
{
    [Fact]
    public void IsAccurateToAFewUlp()
    {
        var random = new TestRandom(3);
        for (int j = 0; j < 20000; j++)
        {
            double l = -Math.Pow(10, random.Uniform(-12, 2.5));
            double expected = Math.Exp(l);
            double actual = FlushedExp.Apply(l);
            Assert.True(Math.Abs(actual - expected) <= 4.5e-16 * expected, $"exp({l:R}) = {actual:R}, expected {expected:R}");
        }

        Assert.Equal(1.0, FlushedExp.Apply(0.0));
    }

    [Fact]
    public void FlushesBelowTwoToTheMinus500AndNeverGivesSubnormals()
    {
        double edge = -500 * Math.Log(2);
        Assert.True(FlushedExp.Apply(edge + 1e-9) >= UnderflowFlush.Threshold);
        Assert.Equal(0.0, FlushedExp.Apply(edge - 1e-9));
        Assert.Equal(0.0, FlushedExp.Apply(-1e300));
        Assert.Equal(0.0, FlushedExp.Apply(double.NegativeInfinity));
    }

    [Fact]
    public void VectorLanesGiveTheScalarBits()
    {
        var random = new TestRandom(4);
        var input = new double[4096];
        for (int j = 0; j < input.Length; j++)
        {
            input[j] = j % 17 == 0 ? -random.Uniform(340, 800) : -Math.Pow(10, random.Uniform(-16, 2.6));
        }

        for (int j = 0; j < input.Length; j += 8)
        {
            var v512 = FlushedExp.Apply(Vector512.Create(input.AsSpan(j, 8)));
            var v256 = FlushedExp.Apply(Vector256.Create(input.AsSpan(j, 4)));
            for (int l = 0; l < 8; l++)
            {
                Assert.Equal(BitConverter.DoubleToUInt64Bits(FlushedExp.Apply(input[j + l])), BitConverter.DoubleToUInt64Bits(v512[l]));
            }

            for (int l = 0; l < 4; l++)
            {
                Assert.Equal(BitConverter.DoubleToUInt64Bits(FlushedExp.Apply(input[j + l])), BitConverter.DoubleToUInt64Bits(v256[l]));
            }
        }
    }
}
