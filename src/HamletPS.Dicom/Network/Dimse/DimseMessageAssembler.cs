#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Reassembles one DIMSE message from the presentation data values of successive P-DATA-TF PDUs (PS3.7 6.3.1, PS3.8
    /// Annex E): the command fragments are collected (at most <see cref="DimseCommand.MaxEncodedLength"/> bytes) and decoded
    /// once the last one arrives; then the sink factory says where the data set goes, and each data set fragment is written
    /// there as it arrives, never held. Fragments that break the sequence are refused with a <see cref="PduFormatException"/>
    /// (the association aborts): a PDV on a context that was not accepted, PDVs of two contexts within one message, a data set
    /// fragment before its command, a command fragment among data set fragments, a command set over the limit, and a PDV of
    /// another message after the last fragment of this one (the asynchronous operations window is 1). One message per
    /// instance; not thread-safe (the association's reading side feeds it).
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The MemoryStream holds no unmanaged resource.")]
    internal sealed class DimseMessageAssembler
    {
        private readonly IReadOnlyDictionary<byte, PresentationContext> _contexts;
        private readonly Func<DimseCommand, PresentationContext, IDataSetSink> _sinkFactory;
        private readonly MemoryStream _command = new MemoryStream();
        private DimseCommand _decoded;
        private PresentationContext _context;
        private IDataSetSink _sink;
        private long _dataSetLength;
        private bool _complete;

        /// <param name="contexts">The association's presentation contexts by ID (only accepted ones may carry PDVs).</param>
        /// <param name="sinkFactory">Asked once the command is decoded, for a message with a data set: where its fragments go
        /// (null: they are counted and dropped).</param>
        public DimseMessageAssembler(IReadOnlyDictionary<byte, PresentationContext> contexts, Func<DimseCommand, PresentationContext, IDataSetSink> sinkFactory)
        {
            _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
            _sinkFactory = sinkFactory ?? throw new ArgumentNullException(nameof(sinkFactory));
        }

        /// <summary>
        /// Takes the PDVs of one P-DATA-TF PDU in order. Returns the message once its last fragment (the command's when it has
        /// no data set, else the data set's) has arrived; null while more PDUs are needed. Data set fragments are written to
        /// the sink before this returns.
        /// </summary>
        public DimseMessage Add(IEnumerable<PresentationDataValue> pdvs)
        {
            if (_complete) throw new InvalidOperationException("the message is already complete");
            foreach (PresentationDataValue pdv in pdvs)
            {
                if (_complete) Refuse("PDV of a new message before the response to the previous one (asynchronous window is 1)");
                CheckContext(pdv);
                if (_decoded == null) AddCommandFragment(pdv);
                else AddDataSetFragment(pdv);
            }
            return _complete ? new DimseMessage(_decoded, _context, _sink, _dataSetLength) : null;
        }

        private void CheckContext(PresentationDataValue pdv)
        {
            if (_context == null)
            {
                if (!_contexts.TryGetValue(pdv.PresentationContextId, out _context) || !_context.IsAccepted)
                    Refuse("PDV on presentation context " + pdv.PresentationContextId + ", which was not accepted");
            }
            else if (pdv.PresentationContextId != _context.Id)
                Refuse("PDVs of different presentation contexts interleaved within one message");
        }

        private void AddCommandFragment(PresentationDataValue pdv)
        {
            if (!pdv.IsCommand) Refuse("data set fragment before its command");
            if (_command.Length + pdv.Data.Count > DimseCommand.MaxEncodedLength) Refuse("command set longer than " + DimseCommand.MaxEncodedLength + " bytes");
            _command.Write(pdv.Data.Array, pdv.Data.Offset, pdv.Data.Count);
            if (!pdv.IsLast) return;
            _decoded = DimseCommand.Decode(_command.GetBuffer(), 0, (int)_command.Length);
            if (!_decoded.HasDataSet) _complete = true;
            else _sink = _sinkFactory(_decoded, _context);
        }

        private void AddDataSetFragment(PresentationDataValue pdv)
        {
            if (pdv.IsCommand) Refuse("command fragment where data set fragments were expected");
            _sink?.Write(pdv.Data.Array, pdv.Data.Offset, pdv.Data.Count);
            _dataSetLength += pdv.Data.Count;
            if (pdv.IsLast) _complete = true;
        }

        private static void Refuse(string reason) => throw new PduFormatException(0, reason);
    }
}
