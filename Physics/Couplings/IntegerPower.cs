namespace Sweep.Physics.Couplings;

/// <summary>
/// x^p for a positive integer p by repeated squaring, IEEE multiplications only: the one
/// definition of an integer-alpha coupling's power, so that the coupling matrix, the cell
/// kernel and the nearest-neighbour couplings from positions give the same bits.
/// </summary>
internal static class IntegerPower
{
    internal static double Of(double x, int p)
    {
        double result = 1.0;
        double b = x;
        while (p > 0)
        {
            if ((p & 1) != 0)
            {
                result *= b;
            }

            b *= b;
            p >>= 1;
        }

        return result;
    }
}
