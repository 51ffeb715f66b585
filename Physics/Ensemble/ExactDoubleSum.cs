using System.Numerics;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// An exact sum of doubles, as the integer sum of each value times 2^1074 (the same number
/// <see cref="ExactSum.Scaled"/> gives), in fixed two's-complement limbs. Adding a double
/// touches two limbs and allocates nothing: a BigInteger sum allocated about a kilobyte per
/// realization and took microseconds, more than a small realization's kernel.
/// </summary>
internal sealed class ExactDoubleSum
{
    // Bits 2^0 .. 2^2098 of value x 2^1074 for any finite double, 22 more for 2^22 terms, and a
    // sign: 2,121 bits, in 34 limbs of 64 (2,176 bits).
    private const int Limbs = 34;

    private readonly ulong[] _limbs = new ulong[Limbs];

    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite values can be summed exactly");
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        ulong fraction = (ulong)bits & 0xFFFFFFFFFFFFFUL;
        ulong mantissa = exponent == 0 ? fraction : fraction | (1UL << 52);
        if (mantissa == 0)
        {
            return;
        }

        int shift = exponent == 0 ? 0 : exponent - 1;
        int limb = shift >> 6;
        int offset = shift & 63;
        ulong low = mantissa << offset;
        ulong high = offset == 0 ? 0 : mantissa >> (64 - offset);
        if (bits < 0)
        {
            Subtract(limb, low, high);
        }
        else
        {
            AddAt(limb, low, high);
        }
    }

    public void Add(ExactDoubleSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ulong carry = 0;
        for (int i = 0; i < Limbs; i++)
        {
            ulong a = _limbs[i];
            ulong sum = a + other._limbs[i];
            ulong next = sum < a ? 1UL : 0UL;
            ulong withCarry = sum + carry;
            next += withCarry < sum ? 1UL : 0UL;
            _limbs[i] = withCarry;
            carry = next;
        }
    }

    public BigInteger ToBigInteger()
    {
        var bytes = new byte[Limbs * sizeof(ulong)];
        for (int i = 0; i < Limbs; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(ulong)), _limbs[i]);
        }

        return new BigInteger(bytes);
    }

    /// <summary>A sum holding <paramref name="value"/> (a stored sum read back).</summary>
    public static ExactDoubleSum From(BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        if (bytes.Length > Limbs * sizeof(ulong))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "the stored sum is larger than any sum of 2^22 doubles");
        }

        var padded = new byte[Limbs * sizeof(ulong)];
        padded.AsSpan().Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        bytes.CopyTo(padded, 0);
        var sum = new ExactDoubleSum();
        for (int i = 0; i < Limbs; i++)
        {
            sum._limbs[i] = BitConverter.ToUInt64(padded, i * sizeof(ulong));
        }

        return sum;
    }

    private void AddAt(int limb, ulong low, ulong high)
    {
        ulong a = _limbs[limb];
        ulong sum = a + low;
        _limbs[limb] = sum;
        ulong carry = sum < a ? 1UL : 0UL;
        for (int i = limb + 1; i < Limbs && (carry != 0 || high != 0); i++)
        {
            ulong b = _limbs[i];
            ulong s = b + high;
            ulong next = s < b ? 1UL : 0UL;
            ulong withCarry = s + carry;
            next += withCarry < s ? 1UL : 0UL;
            _limbs[i] = withCarry;
            carry = next;
            high = 0;
        }
    }

    private void Subtract(int limb, ulong low, ulong high)
    {
        ulong a = _limbs[limb];
        _limbs[limb] = a - low;
        ulong borrow = a < low ? 1UL : 0UL;
        for (int i = limb + 1; i < Limbs && (borrow != 0 || high != 0); i++)
        {
            ulong b = _limbs[i];
            ulong d = b - high;
            ulong next = b < high ? 1UL : 0UL;
            ulong withBorrow = d - borrow;
            next += d < borrow ? 1UL : 0UL;
            _limbs[i] = withBorrow;
            borrow = next;
            high = 0;
        }
    }
}
