using System.Buffers.Binary;

namespace Sweep.Client.Tests.Reports;

/// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
internal static class PngHeader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Read(string path)
    {
        byte[] head = new byte[24];
        using (FileStream f = File.OpenRead(path))
        {
            f.ReadExactly(head);
        }

        Assert.Equal(Signature, head[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(head, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }
}
