using System.Buffers.Binary;
using System.Text;

namespace Provisioner.Transport.Agent;

/// <summary>The SSH wire encoding (RFC 4251 §5) the agent protocol is written in: bytes, uint32 and length-prefixed strings.</summary>
internal sealed class SshWriter
{
    private readonly MemoryStream _buffer = new();

    public SshWriter Byte(byte value)
    {
        _buffer.WriteByte(value);
        return this;
    }

    public SshWriter UInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _buffer.Write(b);
        return this;
    }

    public SshWriter UInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        _buffer.Write(b);
        return this;
    }

    public SshWriter Raw(ReadOnlySpan<byte> value)
    {
        _buffer.Write(value);
        return this;
    }

    public SshWriter String(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        _buffer.Write(value);
        return this;
    }

    public SshWriter String(string value) => String(Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => _buffer.ToArray();
}

/// <summary>Reads what <see cref="SshWriter"/> writes; a short or oversized field is an <see cref="AgentException"/>.</summary>
internal sealed class SshReader(byte[] data)
{
    private int _at;

    public bool AtEnd => _at >= data.Length;

    public byte Byte()
    {
        Need(1);
        return data[_at++];
    }

    public uint UInt32()
    {
        Need(4);
        var v = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_at));
        _at += 4;
        return v;
    }

    public byte[] Bytes()
    {
        var length = UInt32();
        if (length > data.Length - _at) throw new AgentException($"the agent sent a field of {length} bytes in a message of {data.Length}");
        var v = data.AsSpan(_at, (int)length).ToArray();
        _at += (int)length;
        return v;
    }

    public string Text() => Encoding.UTF8.GetString(Bytes());

    private void Need(int n)
    {
        if (data.Length - _at < n) throw new AgentException("the agent sent a truncated message");
    }
}
