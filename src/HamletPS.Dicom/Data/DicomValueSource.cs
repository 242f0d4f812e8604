using System;
using System.IO;
using HamletPS.Dicom.IO;

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
            string full = Path.GetFullPath(path);
            FileStamp stamp = FileStamp.OfPath(full);
            if (stamp.Length < 0) throw new FileNotFoundException("The file does not exist.", full);
            return new FileSource(full, stamp);
        }

        /// <summary>A file source for a file being read: its stamp is taken from the open file (one call on Linux).</summary>
        internal static DicomValueSource FromOpenFile(FileStream file) => new FileSource(file.Name, FileStamp.Of(file));

        /// <summary>A seekable stream that stays open (and unchanged) as long as datasets refer to it.</summary>
        public static DicomValueSource FromStream(Stream stream, string? description)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("A value source stream must be seekable.", nameof(stream));
            return new StreamSource(stream, description);
        }

        /// <summary>
        /// The bytes of <paramref name="inner"/> passed through <paramref name="transform"/> as they are read (a streaming
        /// change at write time, e.g. masking pixel regions). Offsets are those of the inner source.
        /// </summary>
        public static DicomValueSource Transformed(DicomValueSource inner, DicomValueTransform transform)
        {
            if (inner == null) throw new ArgumentNullException(nameof(inner));
            if (transform == null) throw new ArgumentNullException(nameof(transform));
            return new TransformedSource(inner, transform);
        }

        private sealed class TransformedSource : DicomValueSource
        {
            private readonly DicomValueSource _inner;
            private readonly DicomValueTransform _transform;

            public TransformedSource(DicomValueSource inner, DicomValueTransform transform) { _inner = inner; _transform = transform; }

            public override string Description => _inner.Description;

            internal override Stream Open(out bool owned)
            {
                var stream = _inner.Open(out bool innerOwned);
                owned = true; // the view is ours to dispose; it disposes the inner stream only when that one was owned
                return new DicomTransformingStream(stream, innerOwned, _transform);
            }
        }

        private sealed class FileSource : DicomValueSource
        {
            private readonly string _path;
            private readonly FileStamp _stamp;

            public FileSource(string path, FileStamp stamp) { _path = path; _stamp = stamp; }

            public override string Description => _path;

            /// <summary>Opens the file and checks, on the open file, that it is still the one that was read.</summary>
            internal override Stream Open(out bool owned)
            {
                FileStream stream;
                try
                {
                    stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.SequentialScan);
                }
                catch (IOException ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
                {
                    throw Changed(ex);
                }
                if (!FileStamp.Of(stream).Equals(_stamp))
                {
                    stream.Dispose();
                    throw Changed(null);
                }
                owned = true;
                return stream;
            }

            private IOException Changed(Exception? inner) =>
                new IOException(_path + ": the file changed or disappeared after it was read; its large values can no longer be copied.", inner);
        }

        private sealed class StreamSource : DicomValueSource
        {
            private readonly Stream _stream;
            private readonly string _description;

            public StreamSource(Stream stream, string? description) { _stream = stream; _description = description ?? "<stream>"; }

            public override string Description => _description;

            internal override Stream Open(out bool owned)
            {
                owned = false;
                return _stream;
            }
        }
    }
}
