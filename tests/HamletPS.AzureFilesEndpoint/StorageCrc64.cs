using System;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>The CRC64 Azure Storage uses for transactional checks (reflected polynomial 0x9A6C9329AC4BC9B5, all-ones init and final xor).</summary>
public static class StorageCrc64
{
    private static readonly ulong[] Table = BuildTable();

    private static ulong[] BuildTable()
    {
        const ulong poly = 0x9A6C9329AC4BC9B5UL;
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            ulong crc = i;
            for (int b = 0; b < 8; b++) crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1;
            table[i] = crc;
        }
        return table;
    }

    /// <summary>Continues a CRC over more data; start with 0 (the all-ones pre/post conditioning is applied internally).</summary>
    public static ulong Append(ulong crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (byte b in data) crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        return ~crc;
    }

    public static ulong Compute(ReadOnlySpan<byte> data) => Append(0, data);
}
