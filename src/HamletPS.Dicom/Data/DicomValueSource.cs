using System;
using System.IO;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// Where a large value's bytes live when they are not held in memory: a file (re-opened on demand, and checked to be
    /// unchanged since it was read) or a seekable stream owned by the caller (kept open while the dataset is in use).
    /// </summary>
    public abstract class DicomValueSource
    {
        /// <summary>File path or stream description, for messages.</summary>
        public abstract string Description { get; }

        /// <summary>Opens the source for reading; <paramref name="owned"/> says whether the caller must dispose the stream.</summary>
        internal abstract Stream Open(out bool owned);

        /// <summary>A file source; length and last write time are recorded now and verified on every open.</summary>
        public static DicomValueSource FromFile(string path)
        {
            var info = new FileInfo(path);
            return new FileSource(info.FullName, info.Length, info.LastWriteTimeUtc);
        }

        /// <summary>A seekable stream that stays open (and unchanged) as long as datasets refer to it.</summary>
        public static DicomValueSource FromStream(Stream stream, string description)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("A value source stream must be seekable.", nameof(stream));
            return new StreamSource(stream, description);
        }

        private sealed class FileSource : DicomValueSource
        {
            private readonly string _path;
            private readonly long _length;
            private readonly DateTime _lastWrite;

            public FileSource(string path, long length, DateTime lastWrite) { _path = path; _length = length; _lastWrite = lastWrite; }

            public override string Description => _path;

            internal override Stream Open(out bool owned)
            {
                var info = new FileInfo(_path);
                if (!info.Exists || info.Length != _length || info.LastWriteTimeUtc != _lastWrite)
                    throw new IOException(_path + ": the file changed or disappeared after it was read; its large values can no longer be copied.");
                owned = true;
                return new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.SequentialScan);
            }
        }

        private sealed class StreamSource : DicomValueSource
        {
            private readonly Stream _stream;
            private readonly string _description;

            public StreamSource(Stream stream, string description) { _stream = stream; _description = description ?? "<stream>"; }

            public override string Description => _description;

            internal override Stream Open(out bool owned)
            {
                owned = false;
                return _stream;
            }
        }
    }
}
