using System;
using System.Collections.Generic;
using System.IO;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// The sources opened while one dataset is written: each source is opened (and, for a file, checked to be unchanged) once,
    /// however many referenced values (pixel data, fragments, waveforms…) it holds, and closed when the write ends.
    /// </summary>
    internal sealed class DicomValueSourceSession : IDisposable
    {
        private readonly List<KeyValuePair<DicomValueSource, Stream>> _open = new List<KeyValuePair<DicomValueSource, Stream>>(1);
        private readonly List<Stream> _owned = new List<Stream>(1);

        /// <summary>The open stream of the source (opened on first use; the caller must not dispose it).</summary>
        public Stream Get(DicomValueSource source)
        {
            for (int i = 0; i < _open.Count; i++)
                if (ReferenceEquals(_open[i].Key, source)) return _open[i].Value;
            var stream = source.Open(out bool owned);
            if (owned) _owned.Add(stream);
            _open.Add(new KeyValuePair<DicomValueSource, Stream>(source, stream));
            return stream;
        }

        public void Dispose()
        {
            foreach (var s in _owned) s.Dispose();
            _owned.Clear();
            _open.Clear();
        }
    }
}
