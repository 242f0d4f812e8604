#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.IO;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Storage;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Streams one C-STORE data set to disk as its fragments arrive: a temporary <c>.&lt;random&gt;.partial</c> file in the target
    /// folder, the file meta header first, then the data set bytes exactly as received; on completion it is flushed to the
    /// device and renamed atomically to <c>&lt;SOPInstanceUID&gt;.dcm</c>. A write failure (disk full) turns the outcome into an
    /// A700 status while the rest of the message is drained; the temporary file is removed on any failure or abort.
    /// </summary>
    internal sealed class ReceivedFileWriter : IDataSetSink, IDisposable
    {
        private readonly IStorageFileSystem _fs;
        private readonly string _folder;
        private readonly DuplicatePolicy _duplicates;
        private readonly bool _durable;
        private readonly bool _check;
        private Stream? _stream;
        private string? _tempPath;

        public ReceivedFileWriter(IStorageFileSystem fs, string folder, DuplicatePolicy duplicates, bool durable, bool check, DimseCommand command, PresentationContext context, string callingAeTitle)
        {
            _fs = fs;
            _folder = folder;
            _duplicates = duplicates;
            _durable = durable;
            _check = check;
            SopClassUid = command.AffectedSopClassUid;
            SopInstanceUid = command.AffectedSopInstanceUid;
            TransferSyntaxUid = context.TransferSyntax;

            if (!DicomUids.IsValidUid(SopInstanceUid)) { Fail(DimseStatus.CannotUnderstand, "Affected SOP Instance UID is not a valid UID"); return; }
            if (!DicomUids.IsValidUid(SopClassUid)) { Fail(DimseStatus.CannotUnderstand, "Affected SOP Class UID is not a valid UID"); return; }
            if (SopClassUid != context.AbstractSyntax) { Fail(DimseStatus.SopClassNotSupported, "SOP class differs from the presentation context"); return; }
            try
            {
                _tempPath = TemporaryFileName.InFolder(folder);
                _stream = fs.CreateNew(_tempPath);
                byte[] meta = FileMetaInformationWriter.Build(SopClassUid, SopInstanceUid, TransferSyntaxUid, callingAeTitle);
                _stream.Write(meta, 0, meta.Length);
                Length = meta.Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Fail(DimseStatus.OutOfResources, "cannot write: " + e.GetType().Name);
            }
        }

        public string SopClassUid { get; }

        public string SopInstanceUid { get; }

        public string TransferSyntaxUid { get; }

        public long Length { get; private set; }

        public ushort Status { get; private set; } = DimseStatus.Success;

        public string? ErrorComment { get; private set; }

        public string? FinalPath { get; private set; }

        public bool Failed => Status != DimseStatus.Success;

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Failed) return;                                           // drain the rest of a refused message
            try
            {
                _stream.Write(buffer, offset, count);
                Length += count;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                Fail(DimseStatus.OutOfResources, "write failed: out of resources");
            }
        }

        /// <summary>Flushes to the device and renames to the final name. Returns the status to send.</summary>
        public ushort Complete()
        {
            if (Failed) return Status;
            try
            {
                if (_check && !CheckDataSet()) return Status;
                if (_durable) _fs.FlushToDisk(_stream);
                else _stream.Flush();
                if (!_durable || !_fs.RenamesOpenFiles)
                {
                    _stream.Dispose();
                    _stream = null;
                }
                string final = Path.Combine(_folder, SopInstanceUid + ".dcm");
                switch (_duplicates)
                {
                    case DuplicatePolicy.Overwrite:
                        _fs.MoveReplace(_tempPath, final);
                        break;
                    case DuplicatePolicy.Reject:
                        if (!_fs.TryMoveNoReplace(_tempPath, final)) { Fail(DimseStatus.DuplicateSopInstance, "duplicate SOP instance rejected"); return Status; }
                        break;
                    default:
                        for (int n = 1; !_fs.TryMoveNoReplace(_tempPath, final); n++)
                        {
                            if (n > 10000) { Fail(DimseStatus.OutOfResources, "too many duplicates of this SOP instance"); return Status; }
                            final = Path.Combine(_folder, SopInstanceUid + "." + n + ".dcm");
                        }
                        break;
                }
                _tempPath = null;
                FinalPath = final;
                if (_durable) _fs.SyncRename(_stream, _folder);     // data, size and the new name survive a crash
                _stream?.Dispose();
                _stream = null;
                return Status;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                Fail(DimseStatus.OutOfResources, "flush or rename failed: out of resources");
                return Status;
            }
        }

        /// <summary>Parses the temporary file (see <see cref="ReceivedDataSetCheck"/>); false after failing with its status.</summary>
        private bool CheckDataSet()
        {
            _stream.Flush();
            (ushort Status, string Comment)? problem;
            using (Stream written = _stream is NativeReceivedFile native ? native.OpenReader() : _fs.OpenRead(_tempPath))
                problem = ReceivedDataSetCheck.Check(written, TransferSyntaxUid, SopClassUid, SopInstanceUid);
            if (problem == null) return true;
            Fail(problem.Value.Status, problem.Value.Comment);
            return false;
        }

        private void Fail(ushort status, string comment)
        {
            Status = status;
            ErrorComment = comment;
            Discard();
        }

        /// <summary>Closes and deletes the temporary file (abort, failure).</summary>
        public void Discard()
        {
            try { _stream?.Dispose(); } catch (Exception) { }
            _stream = null;
            if (_tempPath != null)
            {
                try { _fs.Delete(_tempPath); } catch (Exception) { }
                _tempPath = null;
            }
        }

        public void Dispose() => Discard();
    }
}
