using System;
using System.Buffers;
using System.IO;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Data
{
    /// <summary>A value kept in its source instead of memory: source, byte offset, length and the byte order it is stored in.</summary>
    public sealed class DicomValueReference
    {
        public DicomValueReference(DicomValueSource source, long offset, long length, bool sourceIsBigEndian = false)
        {
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
            if (length < 0 || length > uint.MaxValue - 1) throw new ArgumentOutOfRangeException(nameof(length));
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Offset = offset;
            Length = length;
            SourceIsBigEndian = sourceIsBigEndian;
        }

        private const int SealedCopyChunk = 128 * 1024;

        public DicomValueSource Source { get; }

        public long Offset { get; }

        public long Length { get; }

        /// <summary>True when the bytes in the source are big endian (read from an Explicit VR Big Endian file).</summary>
        public bool SourceIsBigEndian { get; }

        /// <summary>Copies the bytes to <paramref name="destination"/>, swapping units of <paramref name="swapUnit"/> bytes when the byte orders differ.</summary>
        /// <param name="sources">Sources already opened for this write (each opened and checked once); null opens the source for this copy only.</param>
        internal void CopyTo(Stream destination, bool destinationIsBigEndian, int swapUnit, DicomValueSourceSession? sources = null)
        {
            bool swap = swapUnit > 1 && destinationIsBigEndian != SourceIsBigEndian;
            bool owned = false;
            var src = sources != null ? sources.Get(Source) : Source.Open(out owned);
            byte[]? buffer = null;
            try
            {
                long left = Length;
                // file to file without byte swapping: in the kernel where it can (Linux), like cp; our own loop copies the rest
                if (!swap && src is FileStream sourceFile && destination is FileStream destinationFile)
                    left -= KernelFileCopy.Copy(sourceFile, Offset, destinationFile, Length);
                if (left == 0) return;
                // A sealed write hashes each chunk right after writing it: chunks that stay in the CPU's cache meanwhile.
                int chunk = destination is ContentSealStream ? SealedCopyChunk : 1 << 20;
                buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(chunk, Math.Max(left, 8)));
                src.Seek(Offset + Length - left, SeekOrigin.Begin);
                while (left > 0)
                {
                    int want = (int)Math.Min(left, buffer.Length - (buffer.Length % 8));
                    int got = ReadFully(src, buffer, want);
                    if (got < want) throw new IOException(Source.Description + ": ended before a referenced value (byte offset " + (Offset + Length - left + got) + ").");
                    if (swap) ByteOrder.SwapInPlace(buffer, 0, got, swapUnit);
                    destination.Write(buffer, 0, got);
                    left -= got;
                }
            }
            finally
            {
                if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
                if (owned) src.Dispose();
            }
        }

        /// <summary>Loads the bytes (little endian for swappable units) into a new array.</summary>
        internal byte[] Load(int swapUnit)
        {
            if (Length > int.MaxValue - 64) throw new InvalidOperationException("The value is too large to load into memory; copy it instead.");
            var bytes = new byte[Length];
            var src = Source.Open(out bool owned);
            try
            {
                src.Seek(Offset, SeekOrigin.Begin);
                if (ReadFully(src, bytes, bytes.Length) < bytes.Length)
                    throw new IOException(Source.Description + ": ended before a referenced value.");
            }
            finally
            {
                if (owned) src.Dispose();
            }
            if (SourceIsBigEndian && swapUnit > 1) ByteOrder.SwapInPlace(bytes, 0, bytes.Length, swapUnit);
            return bytes;
        }

        private static int ReadFully(Stream s, byte[] buffer, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = s.Read(buffer, total, count - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }

        public override string ToString() => Source.Description + " @" + Offset + " +" + Length;
    }
}
