namespace Sweep.Physics.Geometry;

/// <summary>Random sequential adsorption could not place all N spins: x is at or past jamming.</summary>
public sealed class RsaJammedException : Exception
{
    public RsaJammedException(string message)
        : base(message)
    {
    }

    public RsaJammedException()
    {
    }

    public RsaJammedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
