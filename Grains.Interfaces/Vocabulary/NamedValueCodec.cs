using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Sweep.Grains.Interfaces.Vocabulary;

/// <summary>
/// Orleans' codec for a Physics type that has one canonical name (an observable "mag", a time
/// unit "common", a kernel "accelerated-v2:1E-10"): the value travels and is stored as that name,
/// encoded exactly as Orleans encodes a string field. Fields that were strings in earlier builds
/// keep their [Id] and their bytes when they take the typed form, so stored states and batches
/// read back unchanged and no legacy field is needed (tests/Grains.Tests/Storage/VocabularyEncodingTests).
/// Physics stays free of Orleans: this codec lives with the contracts.
/// </summary>
public abstract class NamedValueCodec<T> : IFieldCodec<T>
{
    /// <summary>The value's canonical name.</summary>
    protected abstract string Format(T value);

    /// <summary>The value a stored name stands for; throws with the name when it is unknown.</summary>
    protected abstract T Parse(string name);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, [AllowNull] T value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (value is null)
        {
            ReferenceCodec.WriteNullReference(ref writer, fieldIdDelta);
            return;
        }

        string name = Format(value);
        if (expectedType == typeof(T))
        {
            // The same header, length and bytes (and reference tracking) as a declared string field.
            StringCodec.WriteField(ref writer, fieldIdDelta, name);
            return;
        }

        // Boxed or polymorphic: the header names the type, so the reader finds this codec again.
        // The reader records the name it reads as an object, so the writer counts one too.
        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(T), WireType.LengthPrefixed);
        int length = Encoding.UTF8.GetByteCount(name);
        writer.WriteVarUInt32((uint)length);
        StringCodec.WriteRaw(ref writer, name, length);
    }

    [return: MaybeNull]
    public T ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        string? name = StringCodec.ReadValue(ref reader, field);
        return name is null ? default : Parse(name);
    }
}
