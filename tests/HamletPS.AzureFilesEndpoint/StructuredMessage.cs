using System;
using System.Buffers.Binary;
using System.IO;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>
/// Decodes the SDK's structured message body (x-ms-structured-body: XSM/1.0; properties=crc64): a 13-byte header
/// (version 1, message length, flags, segment count), segments of (number, length, data, CRC64 when flagged) and a
/// trailing CRC64 over the whole content. Any inconsistency or checksum mismatch is a 400 error.
/// </summary>
internal static class StructuredMessage
{
    public static byte[] Decode(byte[] body, long expectedContentLength)
    {
        const int HeaderLength = 13;
        if (body.Length < HeaderLength) throw Bad("The structured message is shorter than its header.");
        var span = body.AsSpan();
        if (span[0] != 1) throw Bad("Unsupported structured message version.");
        long messageLength = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(1, 8));
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(9, 2));
        int segments = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(11, 2));
        if (messageLength != body.Length) throw Bad("The structured message length does not match the body length.");
        bool crc = (flags & 1) != 0;
        var content = new MemoryStream();
        int pos = HeaderLength;
        ulong whole = 0;
        for (int s = 1; s <= segments; s++)
        {
            if (pos + 10 > body.Length) throw Bad("Truncated segment header.");
            int number = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(pos, 2));
            long length = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(pos + 2, 8));
            pos += 10;
            if (number != s || length < 0 || pos + length > body.Length) throw Bad("Malformed segment.");
            var data = span.Slice(pos, (int)length);
            content.Write(data);
            pos += (int)length;
            if (crc)
            {
                if (pos + 8 > body.Length) throw Bad("Truncated segment CRC64.");
                ulong given = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(pos, 8));
                if (given != StorageCrc64.Compute(data)) throw new EndpointException(400, "Crc64Mismatch", "The CRC64 of a segment does not match its data.");
                whole = StorageCrc64.Append(whole, data);
                pos += 8;
            }
        }
        if (crc)
        {
            if (pos + 8 > body.Length) throw Bad("Truncated message CRC64.");
            ulong given = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(pos, 8));
            if (given != whole) throw new EndpointException(400, "Crc64Mismatch", "The CRC64 of the message does not match its content.");
            pos += 8;
        }
        if (pos != body.Length) throw Bad("Unexpected bytes after the structured message.");
        if (expectedContentLength >= 0 && content.Length != expectedContentLength) throw Bad("x-ms-structured-content-length does not match the content.");
        return content.ToArray();
    }

    private static EndpointException Bad(string reason) => new EndpointException(400, "InvalidInput", reason);
}
