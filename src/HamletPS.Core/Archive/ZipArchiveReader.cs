using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Reads the central directory of a ZIP file (with ZIP64 end records and extra fields) and opens entries for reading.
    /// Structural problems throw InvalidDataException naming the byte offset.
    /// </summary>
    public sealed class ZipArchiveReader : IDisposable
    {
        private readonly FileStream _file;

        public ZipArchiveReader(string archivePath)
        {
            ArchivePath = archivePath;
            _file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            Entries = ReadCentralDirectory();
        }

        public string ArchivePath { get; }

        public IReadOnlyList<ZipDirectoryEntry> Entries { get; private set; }

        /// <summary>True when the archive has a ZIP64 end of central directory record.</summary>
        public bool Zip64 { get; private set; }

        private List<ZipDirectoryEntry> ReadCentralDirectory()
        {
            long length = _file.Length;
            if (length < ZipFormat.EndOfCentralDirectorySize) throw new InvalidDataException("not a ZIP file: shorter than an end record");
            int tail = (int)Math.Min(length, ZipFormat.EndOfCentralDirectorySize + 0xFFFF);
            var buf = new byte[tail];
            _file.Position = length - tail;
            ZipFormat.ReadExactly(_file, buf, tail);
            int eocd = -1;
            for (int i = tail - ZipFormat.EndOfCentralDirectorySize; i >= 0; i--)
                if (ZipFormat.Get32(buf, i) == ZipFormat.EndOfCentralDirectorySignature) { eocd = i; break; }
            if (eocd < 0) throw new InvalidDataException("not a ZIP file: no end of central directory record");
            long eocdOffset = length - tail + eocd;
            long count = ZipFormat.Get16(buf, eocd + 10);
            long cdSize = ZipFormat.Get32(buf, eocd + 12);
            long cdStart = ZipFormat.Get32(buf, eocd + 16);
            if (eocdOffset >= ZipFormat.Zip64LocatorSize)
            {
                var loc = new byte[ZipFormat.Zip64LocatorSize];
                _file.Position = eocdOffset - ZipFormat.Zip64LocatorSize;
                ZipFormat.ReadExactly(_file, loc, loc.Length);
                if (ZipFormat.Get32(loc, 0) == ZipFormat.Zip64LocatorSignature)
                {
                    long recordOffset = ZipFormat.Get64(loc, 8);
                    var rec = new byte[ZipFormat.Zip64EndOfCentralDirectorySize];
                    if (recordOffset < 0 || recordOffset + rec.Length > length)
                        throw new InvalidDataException($"ZIP64 locator at byte {eocdOffset - ZipFormat.Zip64LocatorSize} points outside the file");
                    _file.Position = recordOffset;
                    ZipFormat.ReadExactly(_file, rec, rec.Length);
                    if (ZipFormat.Get32(rec, 0) != ZipFormat.Zip64EndOfCentralDirectorySignature)
                        throw new InvalidDataException($"no ZIP64 end of central directory record at byte {recordOffset}");
                    count = ZipFormat.Get64(rec, 32);
                    cdSize = ZipFormat.Get64(rec, 40);
                    cdStart = ZipFormat.Get64(rec, 48);
                    Zip64 = true;
                }
            }
            if (cdStart < 0 || cdSize < 0 || cdStart + cdSize > length || count < 0)
                throw new InvalidDataException($"central directory (byte {cdStart}, {cdSize} bytes) lies outside the file");
            var cd = new byte[cdSize];
            _file.Position = cdStart;
            ZipFormat.ReadExactly(_file, cd, cd.Length);
            var entries = new List<ZipDirectoryEntry>();
            int at = 0;
            for (long i = 0; i < count; i++)
            {
                if (at + ZipFormat.CentralHeaderSize > cd.Length || ZipFormat.Get32(cd, at) != ZipFormat.CentralHeaderSignature)
                    throw new InvalidDataException($"central directory record {i + 1} at byte {cdStart + at}: bad signature");
                int nameLength = ZipFormat.Get16(cd, at + 28), extraLength = ZipFormat.Get16(cd, at + 30), commentLength = ZipFormat.Get16(cd, at + 32);
                if (at + ZipFormat.CentralHeaderSize + nameLength + extraLength + commentLength > cd.Length)
                    throw new InvalidDataException($"central directory record {i + 1} at byte {cdStart + at}: runs past the directory");
                ushort flags = ZipFormat.Get16(cd, at + 8);
                var e = new ZipDirectoryEntry
                {
                    Flags = flags,
                    Method = ZipFormat.Get16(cd, at + 10),
                    Crc32 = ZipFormat.Get32(cd, at + 16),
                    CompressedSize = ZipFormat.Get32(cd, at + 20),
                    UncompressedSize = ZipFormat.Get32(cd, at + 24),
                    LocalHeaderOffset = ZipFormat.Get32(cd, at + 42),
                };
                int nameAt = at + ZipFormat.CentralHeaderSize;
                e.EntryPath = (flags & ZipFormat.FlagUtf8) != 0
                    ? ZipFormat.Utf8.GetString(cd, nameAt, nameLength)
                    : System.Text.Encoding.GetEncoding(28591).GetString(cd, nameAt, nameLength);
                ApplyZip64Extra(cd, nameAt + nameLength, extraLength, e, cdStart + at);
                entries.Add(e);
                at += ZipFormat.CentralHeaderSize + nameLength + extraLength + commentLength;
            }
            return entries;
        }

        private static void ApplyZip64Extra(byte[] b, int at, int length, ZipDirectoryEntry e, long recordOffset)
        {
            int end = at + length;
            while (at + 4 <= end)
            {
                int id = ZipFormat.Get16(b, at), size = ZipFormat.Get16(b, at + 2);
                if (at + 4 + size > end) throw new InvalidDataException($"central directory record at byte {recordOffset}: extra field runs past its end");
                if (id == ZipFormat.Zip64ExtraId)
                {
                    e.Zip64 = true;
                    int p = at + 4, stop = p + size;
                    if (e.UncompressedSize == 0xFFFFFFFFL) { Need(p, stop, recordOffset); e.UncompressedSize = ZipFormat.Get64(b, p); p += 8; }
                    if (e.CompressedSize == 0xFFFFFFFFL) { Need(p, stop, recordOffset); e.CompressedSize = ZipFormat.Get64(b, p); p += 8; }
                    if (e.LocalHeaderOffset == 0xFFFFFFFFL) { Need(p, stop, recordOffset); e.LocalHeaderOffset = ZipFormat.Get64(b, p); }
                }
                at += 4 + size;
            }
        }

        private static void Need(int p, int stop, long recordOffset)
        {
            if (p + 8 > stop) throw new InvalidDataException($"central directory record at byte {recordOffset}: ZIP64 extra field too short");
        }

        /// <summary>
        /// Checks the entry's local header against its central record and returns a stream of its uncompressed bytes.
        /// The stream does not check the CRC (the verifier does).
        /// </summary>
        public Stream OpenEntry(ZipDirectoryEntry entry)
        {
            long dataStart = CheckLocalHeader(entry);
            var raw = new BoundedReadStream(_file, dataStart, entry.CompressedSize);
            if (entry.Method == (ushort)ZipCompressionMethod.Store) return raw;
            if (entry.Method == (ushort)ZipCompressionMethod.Deflate) return new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: false);
            throw new InvalidDataException($"entry '{entry.EntryPath}': unsupported compression method {entry.Method}");
        }

        /// <summary>
        /// The entry's uncompressed bytes as a seekable stream (<see cref="ZipEntryStream"/>: inflated as read, never past the
        /// declared size); the local header is checked first. Nothing is extracted.
        /// </summary>
        public ZipEntryStream OpenSeekable(ZipDirectoryEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (entry.Method != (ushort)ZipCompressionMethod.Store && entry.Method != (ushort)ZipCompressionMethod.Deflate)
                throw new InvalidDataException($"entry '{entry.EntryPath}': unsupported compression method {entry.Method}");
            long dataStart = CheckLocalHeader(entry);
            if (entry.Method == (ushort)ZipCompressionMethod.Store && entry.CompressedSize != entry.UncompressedSize)
                throw new InvalidDataException($"entry '{entry.EntryPath}': stored, but its sizes differ");
            return new ZipEntryStream(start => new BoundedReadStream(_file, dataStart + start, entry.CompressedSize - start),
                entry.Method == (ushort)ZipCompressionMethod.Deflate, entry.EntryPath, entry.UncompressedSize);
        }

        /// <summary>Reads a whole (small) entry into memory.</summary>
        public byte[] ReadAllBytes(ZipDirectoryEntry entry)
        {
            if (entry.UncompressedSize > 512L * 1024 * 1024) throw new InvalidDataException($"entry '{entry.EntryPath}' is too large to read into memory");
            using (Stream s = OpenEntry(entry))
            using (var ms = new MemoryStream((int)entry.UncompressedSize))
            {
                s.CopyTo(ms);
                return ms.ToArray();
            }
        }

        private long CheckLocalHeader(ZipDirectoryEntry e)
        {
            var h = new byte[ZipFormat.LocalHeaderSize];
            if (e.LocalHeaderOffset < 0 || e.LocalHeaderOffset + h.Length > _file.Length)
                throw new InvalidDataException($"entry '{e.EntryPath}': local header offset {e.LocalHeaderOffset} lies outside the file");
            _file.Position = e.LocalHeaderOffset;
            ZipFormat.ReadExactly(_file, h, h.Length);
            if (ZipFormat.Get32(h, 0) != ZipFormat.LocalHeaderSignature)
                throw new InvalidDataException($"entry '{e.EntryPath}': no local header signature at byte {e.LocalHeaderOffset}");
            int nameLength = ZipFormat.Get16(h, 26), extraLength = ZipFormat.Get16(h, 28);
            var rest = new byte[nameLength + extraLength];
            ZipFormat.ReadExactly(_file, rest, rest.Length);
            ushort flags = ZipFormat.Get16(h, 6);
            string name = (flags & ZipFormat.FlagUtf8) != 0
                ? ZipFormat.Utf8.GetString(rest, 0, nameLength)
                : System.Text.Encoding.GetEncoding(28591).GetString(rest, 0, nameLength);
            string where = $"entry '{e.EntryPath}' (local header at byte {e.LocalHeaderOffset})";
            if (name != e.EntryPath) throw new InvalidDataException(where + ": local name differs from the central directory");
            if (ZipFormat.Get16(h, 8) != e.Method) throw new InvalidDataException(where + ": local method differs from the central directory");
            if ((flags & ZipFormat.FlagEncrypted) != 0) throw new InvalidDataException(where + ": encrypted entries are not supported");
            if ((flags & ZipFormat.FlagDataDescriptor) == 0)
            {
                long csize = ZipFormat.Get32(h, 18), usize = ZipFormat.Get32(h, 22);
                for (int at = nameLength; at + 4 <= rest.Length;)
                {
                    int id = ZipFormat.Get16(rest, at), size = ZipFormat.Get16(rest, at + 2);
                    if (id == ZipFormat.Zip64ExtraId)
                    {
                        int p = at + 4;
                        if (usize == 0xFFFFFFFFL && p + 8 <= at + 4 + size) { usize = ZipFormat.Get64(rest, p); p += 8; }
                        if (csize == 0xFFFFFFFFL && p + 8 <= at + 4 + size) csize = ZipFormat.Get64(rest, p);
                    }
                    at += 4 + size;
                }
                if (ZipFormat.Get32(h, 14) != e.Crc32) throw new InvalidDataException(where + ": local CRC-32 differs from the central directory");
                if (csize != e.CompressedSize || usize != e.UncompressedSize)
                    throw new InvalidDataException(where + ": local sizes differ from the central directory");
            }
            long dataStart = e.LocalHeaderOffset + h.Length + rest.Length;
            if (dataStart + e.CompressedSize > _file.Length) throw new InvalidDataException(where + ": data runs past the end of the file");
            return dataStart;
        }

        public void Dispose() => _file.Dispose();

        private sealed class BoundedReadStream : ForwardReadStream
        {
            private readonly Stream _inner;
            private long _position;
            private readonly long _end;

            public BoundedReadStream(Stream inner, long start, long length)
            {
                _inner = inner;
                _position = start;
                _end = start + length;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                long left = _end - _position;
                if (left <= 0) return 0;
                if (count > left) count = (int)left;
                _inner.Position = _position;
                int n = _inner.Read(buffer, offset, count);
                _position += n;
                return n;
            }
        }
    }
}
