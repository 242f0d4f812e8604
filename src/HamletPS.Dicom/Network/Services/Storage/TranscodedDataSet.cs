using System;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// A file's data set re-encoded on the fly in another uncompressed transfer syntax, as a readable stream of unknown length.
    /// The file is parsed first (large values stay in the file and are copied from it while writing), then the codec's writer
    /// runs on its own task into a pipe the sender reads from: memory stays bounded whatever the size. When the writer fails
    /// (the file changed or is malformed further on), the reader gets an <see cref="IOException"/> at the end of the data instead
    /// of a clean end, so the last fragment is never sent and the peer never stores a truncated data set.
    /// </summary>
    internal sealed class TranscodedDataSet : ForwardReadStream
    {
        private readonly AnonymousPipeServerStream _pipeOut;
        private readonly AnonymousPipeClientStream _pipeIn;
        private readonly Task _writer;
        private bool _checked;

        private TranscodedDataSet(DicomFile file, DicomTransferSyntax target, string path)
        {
            _pipeOut = new AnonymousPipeServerStream(PipeDirection.Out);
            _pipeIn = new AnonymousPipeClientStream(PipeDirection.In, _pipeOut.ClientSafePipeHandle);
            Target = target;
            _writer = Task.Run(() =>
            {
                try
                {
                    using (var buffered = new BufferedStream(_pipeOut, 64 * 1024))
                        DicomWriter.WriteDataset(buffered, file.Dataset, target);
                }
                finally
                {
                    _pipeOut.Dispose();
                }
            });
        }

        public DicomTransferSyntax Target { get; }

        /// <summary>
        /// Parses <paramref name="path"/> (throws <see cref="DicomFormatException"/> or <see cref="IOException"/> before anything is
        /// sent) and starts writing its data set in <paramref name="target"/>.
        /// </summary>
        public static TranscodedDataSet Open(string path, DicomTransferSyntax target)
        {
            if (target.IsEncapsulated || target.IsDeflated) throw new ArgumentException("only native uncompressed targets are written on the fly", nameof(target));
            DicomFile file = DicomFile.Open(path);
            if (file.TransferSyntax != null && file.TransferSyntax.IsEncapsulated)
                throw new NotSupportedException("compressed (encapsulated) pixel data is not transcoded");
            return new TranscodedDataSet(file, target, path);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _pipeIn.Read(buffer, offset, count);
            if (n == 0) CheckWriter();
            return n;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int n = await _pipeIn.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (n == 0) CheckWriter();
            return n;
        }

        private void CheckWriter()
        {
            if (_checked) return;
            try
            {
                _writer.GetAwaiter().GetResult();
                _checked = true;
            }
            catch (Exception e) when (!(e is IOException))
            {
                throw new IOException("cannot transcode to " + Target.Name + ": " + e.Message, e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pipeIn.Dispose();                 // a writer still running gets a broken pipe and ends
                try { _writer.Wait(); } catch (Exception) { }
            }
            base.Dispose(disposing);
        }
    }
}
