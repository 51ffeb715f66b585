namespace Sweep.Bench;

/// <summary>
/// The baseline the kernel is measured against: the definition written as plain scalar loops
/// over all ordered pairs with Math.Cos, on a dense N x N matrix of 2J.
/// </summary>
internal static class NaiveSpinProducts
{
    public static void Evaluate(double[,] twoJ, double[] tau, double[] mag, double[] pur)
    {
        int n = twoJ.GetLength(0);
        for (int t = 0; t < tau.Length; t++)
        {
            double sum = 0;
            double sumOfSquares = 0;
            for (int i = 0; i < n; i++)
            {
                double p = 1.0;
                for (int k = 0; k < n; k++)
                {
                    if (k != i)
                    {
                        p *= Math.Cos(twoJ[i, k] * tau[t]);
                    }
                }

                sum += p;
                sumOfSquares += p * p;
            }

            mag[t] = sum / n;
            pur[t] = sumOfSquares / n;
        }
    }
}
