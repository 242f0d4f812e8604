#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// One DICOM association over one transport connection, either side. Every PDU sent or received and every local primitive
    /// is an event fired into the <see cref="UpperLayerStateMachine"/>; the action the table returns decides what happens, so
    /// an unexpected PDU in any state ends in the abort the standard prescribes. Messages are sent fragmented to the peer's
    /// maximum PDU length; received ones are reassembled by a <see cref="DimseMessageAssembler"/>, fragment by fragment into an
    /// <see cref="IDataSetSink"/> (a peer that interleaves PDVs of different messages is aborted). Asynchronous operations
    /// window: 1.
    /// A requestor (the SCUs) works asynchronously: its methods end in Async and never block. The receiver serves each
    /// association on a thread of its own with blocking calls (one wake-up per arrival, no hand-over to the thread pool):
    /// the acceptor's methods (<see cref="ReceiveRequest"/>, <see cref="AcceptRequest"/>, <see cref="RejectRequest"/>)
    /// block, and message transfer and abort come in both forms (<see cref="ReceiveMessage"/> and
    /// <see cref="ReceiveMessageAsync"/>…). Each pair shares one implementation taking <c>blocking</c> (the pattern of the
    /// Azure SDK for .NET): with <c>true</c> every read and write blocks and the returned task is complete. Calls made from
    /// a timer thread (a release request, a displacement) are always asynchronous.
    /// </summary>
    internal sealed class Association : IDisposable
    {
        private readonly Stream _stream;
        private readonly PduReader _reader;
        private readonly ArtimTimer _timer;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly Dictionary<byte, PresentationContext> _contexts = new Dictionary<byte, PresentationContext>();
        private byte[]? _sendBuffer;
        private readonly byte[] _lookAhead = new byte[1];
        private int _closed;
        private int _inMessage;

        private Association(Stream stream, string peer, AssociationOptions options, bool isRequestor)
        {
            _stream = stream;
            Peer = peer;
            Options = options;
            StateMachine = new UpperLayerStateMachine(isRequestor);
            _reader = new PduReader(stream, options.MaxPduLength);
            _timer = new ArtimTimer(_ => CloseTransport());
        }

        public string Peer { get; private set; }

        public AssociationOptions Options { get; }

        public UpperLayerStateMachine StateMachine { get; }

        public AssociateRequestPdu? Request { get; private set; }

        public AssociateAcceptPdu? Accept { get; private set; }

        /// <summary>The peer's maximum P-DATA-TF length (0: unlimited).</summary>
        public uint PeerMaxPduLength { get; private set; }

        public IReadOnlyDictionary<byte, PresentationContext> Contexts => _contexts;

        public string? CallingAeTitle => Request?.CallingAeTitle;

        public string? CalledAeTitle => Request?.CalledAeTitle;

        /// <summary>Bytes received on the transport so far.</summary>
        public long BytesReceived => _reader.Position;

        /// <summary>
        /// Called when the peer's A-RELEASE-RQ has been accepted, just before the A-RELEASE-RP is written: the peer may
        /// open its next association as soon as it reads the RP, so a provider frees its association slot here.
        /// </summary>
        public Action? ReleaseRequested { get; set; }

        // ----------------------------------------------------------------------------------------------- requestor side

        /// <summary>Evt1/AE-1 connect, Evt2/AE-2 send the request, then Evt3/AE-3 (accepted) or Evt4/AE-4 (rejected).</summary>
        public static async Task<Association> RequestAsync(string host, int port, AssociateRequestPdu request, AssociationOptions options, DicomTlsOptions tls, CancellationToken cancellationToken)
        {
            options.Validate();
            request.UserInformation.MaximumLength = (uint)options.MaxPduLength;
            if (request.UserInformation.ImplementationClassUid == null) request.UserInformation.ImplementationClassUid = DicomUids.ImplementationClassUid;
            if (request.UserInformation.ImplementationVersionName == null) request.UserInformation.ImplementationVersionName = IO.DicomWriter.ImplementationVersionName;

            var (_, stream) = await DicomTransport.ConnectAsync(host, port, options, tls, cancellationToken).ConfigureAwait(false);
            var a = new Association(stream, host + ":" + port + " (" + request.CalledAeTitle + ")", options, true);
            a.StateMachine.Fire(UpperLayerEvent.Evt1);
            try
            {
                a.Request = request;
                a.StateMachine.Fire(UpperLayerEvent.Evt2);                   // AE-2
                await a.WritePdu(false, request, cancellationToken).ConfigureAwait(false);
                a._timer.Start(options.ArtimTimeout, "no A-ASSOCIATE-AC/RJ within the ARTIM timeout");
                bool got = await a.ReadPdu(false, cancellationToken).ConfigureAwait(false);
                a._timer.Stop();
                if (!got) throw a.TransportClosed("connection closed while waiting for A-ASSOCIATE-AC");
                UpperLayerAction action = a.StateMachine.Fire(EventFor(a._reader.LastType));
                switch (action)
                {
                    case UpperLayerAction.AE3:
                        a.Accept = (AssociateAcceptPdu)a._reader.Decode();
                        a.PeerMaxPduLength = a.Accept.UserInformation.MaximumLength;
                        foreach (var item in a.Accept.PresentationContexts)
                        {
                            PresentationContextRequestItem proposed = request.PresentationContexts.Find(p => p.Id == item.Id);
                            if (proposed == null) continue;
                            a._contexts[item.Id] = new PresentationContext(item.Id, proposed.AbstractSyntax, item.TransferSyntax, item.Result);
                        }
                        return a;
                    case UpperLayerAction.AE4:
                        var rj = (AssociateRejectPdu)a._reader.Decode();
                        a.CloseTransport();
                        throw new AssociationRejectedException(a.Peer, rj);
                    default:
                        await a.PerformAbortAction(false, action, "unexpected PDU type " + a._reader.LastType + " instead of A-ASSOCIATE-AC").ConfigureAwait(false);
                        throw new AssociationAbortedException(a.Peer, a.AbortReason);
                }
            }
            catch (Exception e) when (!(e is DicomNetworkException) && !(e is OperationCanceledException))
            {
                a.Dispose();
                throw a.Translate(e, "while negotiating the association");
            }
            catch
            {
                a.Dispose();
                throw;
            }
        }

        /// <summary>Evt11/AR-1: sends A-RELEASE-RQ and waits (ARTIM) for A-RELEASE-RP, then closes (AR-3).</summary>
        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            if (StateMachine.Fire(UpperLayerEvent.Evt11) != UpperLayerAction.AR1) throw new InvalidOperationException("release requested outside an established association");
            await WritePdu(false, new ReleaseRequestPdu(), cancellationToken).ConfigureAwait(false);
            _timer.Start(Options.ArtimTimeout, "no A-RELEASE-RP within the ARTIM timeout");
            try
            {
                while (true)
                {
                    if (!await ReadPdu(false, cancellationToken).ConfigureAwait(false)) { StateMachine.Fire(UpperLayerEvent.Evt17); return; }
                    UpperLayerAction action = StateMachine.Fire(EventFor(_reader.LastType));
                    switch (action)
                    {
                        case UpperLayerAction.AR3: return;                   // release confirmed
                        case UpperLayerAction.AR6: continue;                 // late P-DATA: indicated and ignored
                        case UpperLayerAction.AR8:                           // release collision (we are the requestor: Sta9)
                            StateMachine.Fire(UpperLayerEvent.Evt14);        // AR-9
                            await WritePdu(false, new ReleaseResponsePdu(), cancellationToken).ConfigureAwait(false);
                            continue;
                        default:
                            await PerformAbortAction(false, action, "unexpected PDU during release").ConfigureAwait(false);
                            return;
                    }
                }
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // A release that cannot complete is not worth failing a finished batch for: the transport closes either way.
            }
            finally
            {
                _timer.Stop();
                CloseTransport();
            }
        }

        // ----------------------------------------------------------------------------------------------- acceptor side

        /// <summary>Evt5/AE-5: an accepted transport connection; ARTIM runs until the A-ASSOCIATE-RQ arrives.</summary>
        public static Association ForIncoming(Stream stream, string peer, AssociationOptions options)
        {
            options.Validate();
            var a = new Association(stream, peer, options, false);
            a.StateMachine.Fire(UpperLayerEvent.Evt5);
            return a;
        }

        /// <summary>
        /// Waits (ARTIM, here <paramref name="timeout"/>) for the whole A-ASSOCIATE-RQ. Returns null when anything else arrives
        /// — bytes that are not a PDU, another PDU type, a close or a timeout — after performing the table's action (A-ABORT
        /// and/or close).
        /// </summary>
        /// <param name="limit">The configured limit named in the reason (the time left of it is <paramref name="timeout"/>).</param>
        public AssociateRequestPdu ReceiveRequest(TimeSpan timeout, TimeSpan limit, CancellationToken cancellationToken) =>
            Blocked(ReceiveRequestCore(true, timeout, limit, cancellationToken));

        private async Task<AssociateRequestPdu> ReceiveRequestCore(bool blocking, TimeSpan timeout, TimeSpan limit, CancellationToken cancellationToken)
        {
            _timer.Start(timeout, "no A-ASSOCIATE-RQ within " + limit.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s of connecting (ARTIM)");
            try
            {
                if (!await ReadPdu(blocking, cancellationToken).ConfigureAwait(false))
                {
                    AbortReason = AbortReason ?? _timer.ExpiredReason;        // our own close (timeout, displaced) reads as an end too
                    StateMachine.Fire(UpperLayerEvent.Evt17);                // AA-5
                    CloseTransport();
                    return null;
                }
                _timer.Stop();
                UpperLayerAction action = StateMachine.Fire(EventFor(_reader.LastType));
                if (action != UpperLayerAction.AE6)
                {
                    await PerformAbortAction(blocking, action, "expected A-ASSOCIATE-RQ, got " + _reader.LastType).ConfigureAwait(false);
                    return null;
                }
                Request = (AssociateRequestPdu)_reader.Decode();
                Peer = Peer + " (" + Request.CallingAeTitle + ")";
                return Request;
            }
            catch (PduFormatException e)
            {
                AbortReason = e.Message;
                await PerformAbortAction(blocking, StateMachine.Fire(UpperLayerEvent.Evt19), e.Message).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                AbortReason = AbortReason ?? _timer.ExpiredReason ?? e.Message;
                StateMachine.Fire(_timer.ExpiredReason != null ? UpperLayerEvent.Evt18 : UpperLayerEvent.Evt17);
                CloseTransport();
                return null;
            }
        }

        /// <summary>Evt7/AE-7: sends the A-ASSOCIATE-AC; the association is established.</summary>
        public void AcceptRequest(AssociateAcceptPdu accept, CancellationToken cancellationToken) => Blocked(AcceptCore(true, accept, cancellationToken));

        private async Task AcceptCore(bool blocking, AssociateAcceptPdu accept, CancellationToken cancellationToken)
        {
            if (StateMachine.Fire(UpperLayerEvent.Evt7) != UpperLayerAction.AE7) throw new InvalidOperationException("accept outside Sta3");
            accept.UserInformation.MaximumLength = (uint)Options.MaxPduLength;
            Accept = accept;
            PeerMaxPduLength = Request.UserInformation.MaximumLength;
            foreach (var item in accept.PresentationContexts)
            {
                PresentationContextRequestItem proposed = Request.PresentationContexts.Find(p => p.Id == item.Id);
                _contexts[item.Id] = new PresentationContext(item.Id, proposed?.AbstractSyntax, item.TransferSyntax, item.Result);
            }
            await WritePdu(blocking, accept, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Evt8/AE-8: sends the A-ASSOCIATE-RJ, then waits (ARTIM) for the peer to close (AR-5) and closes.</summary>
        public void RejectRequest(AssociateRejectPdu reject, CancellationToken cancellationToken) => Blocked(RejectCore(true, reject, cancellationToken));

        private async Task RejectCore(bool blocking, AssociateRejectPdu reject, CancellationToken cancellationToken)
        {
            StateMachine.Fire(UpperLayerEvent.Evt8);
            try
            {
                await WritePdu(blocking, reject, cancellationToken).ConfigureAwait(false);
                await AwaitClose(blocking).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
            }
            finally
            {
                CloseTransport();
            }
        }

        // ----------------------------------------------------------------------------------------------- data transfer

        /// <summary>
        /// Evt9/DT-1: sends a command and, when <paramref name="dataSet"/> is given, exactly <paramref name="dataSetLength"/>
        /// bytes read from it (-1: everything up to its end), fragmented to the peer's maximum PDU length. The data set is
        /// streamed, never held whole.
        /// </summary>
        public Task SendMessageAsync(byte contextId, DimseCommand command, Stream dataSet, long dataSetLength, IProgress<long> bytesSent, CancellationToken cancellationToken) =>
            SendMessageCore(false, contextId, command, dataSet, dataSetLength, bytesSent, cancellationToken);

        /// <summary>The same, blocking the calling thread.</summary>
        public void SendMessage(byte contextId, DimseCommand command, Stream dataSet, long dataSetLength, IProgress<long> bytesSent, CancellationToken cancellationToken) =>
            Blocked(SendMessageCore(true, contextId, command, dataSet, dataSetLength, bytesSent, cancellationToken));

        private async Task SendMessageCore(bool blocking, byte contextId, DimseCommand command, Stream dataSet, long dataSetLength, IProgress<long> bytesSent, CancellationToken cancellationToken)
        {
            UpperLayerAction action = StateMachine.Fire(UpperLayerEvent.Evt9);
            if (action != UpperLayerAction.DT1 && action != UpperLayerAction.AR7)
                throw new AssociationAbortedException(Peer, "cannot send: association is not established (" + StateMachine.State + ")");
            try
            {
                byte[] cmd = command.Encode();
                await SendFragments(blocking, contextId, true, new MemoryStream(cmd, false), cmd.Length, null, cancellationToken).ConfigureAwait(false);
                if (dataSet != null) await SendFragments(blocking, contextId, false, dataSet, dataSetLength, bytesSent, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw Translate(e, "while sending");
            }
            catch (ObjectDisposedException e)
            {
                throw Translate(e, "while sending");
            }
        }

        /// <param name="length">Bytes to send, or -1: until the source ends (a one-byte look-ahead finds the last fragment, so
        /// a source that throws at its end — a failed transcoder — never gets its last fragment sent).</param>
        private async Task SendFragments(bool blocking, byte contextId, bool isCommand, Stream source, long length, IProgress<long> bytesSent, CancellationToken cancellationToken)
        {
            long peerMax = PeerMaxPduLength == 0 ? Options.MaxSendPduLength : Math.Min(PeerMaxPduLength, (uint)Options.MaxSendPduLength);
            int maxData = (int)Math.Max(peerMax - 6, 1);      // PDV item header: 4 length + 1 context ID + 1 control header
            if (_sendBuffer == null || _sendBuffer.Length < maxData + 12) _sendBuffer = new byte[maxData + 12];
            byte[] b = _sendBuffer;
            bool untilEnd = length < 0;
            long remaining = length;
            long sent = 0;
            int carried = -1;                                 // look-ahead byte of an until-end source
            bool last;
            do
            {
                int n = untilEnd ? maxData : (int)Math.Min(maxData, remaining);
                int filled = 0;
                if (carried >= 0) { b[12] = (byte)carried; filled = 1; carried = -1; }
                bool ended = false;
                while (filled < n)
                {
                    int r = await ReadSource(blocking, source, b, 12 + filled, n - filled, cancellationToken).ConfigureAwait(false);
                    if (r <= 0)
                    {
                        if (!untilEnd) throw new DataSetSourceException("the data set ended " + (remaining - filled) + " bytes early (the file changed?)", null);
                        ended = true;
                        break;
                    }
                    filled += r;
                }
                if (untilEnd)
                {
                    if (!ended)
                    {
                        int r = await ReadSource(blocking, source, _lookAhead, 0, 1, cancellationToken).ConfigureAwait(false);
                        if (r <= 0) ended = true;
                        else carried = _lookAhead[0];
                    }
                    last = ended;
                }
                else
                {
                    remaining -= filled;
                    last = remaining == 0;
                }
                n = filled;
                uint pduLength = (uint)(n + 6);
                uint pdvLength = (uint)(n + 2);
                b[0] = (byte)PduType.PDataTransfer; b[1] = 0;
                b[2] = (byte)(pduLength >> 24); b[3] = (byte)(pduLength >> 16); b[4] = (byte)(pduLength >> 8); b[5] = (byte)pduLength;
                b[6] = (byte)(pdvLength >> 24); b[7] = (byte)(pdvLength >> 16); b[8] = (byte)(pdvLength >> 8); b[9] = (byte)pdvLength;
                b[10] = contextId;
                b[11] = (byte)((isCommand ? 1 : 0) | (last ? 2 : 0));
                await WriteRaw(blocking, b, 12 + n, cancellationToken).ConfigureAwait(false);
                sent += n;
                bytesSent?.Report(sent);
            }
            while (!last);
        }

        private static async Task<int> ReadSource(bool blocking, Stream source, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return blocking ? source.Read(buffer, offset, count) : await source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is DicomFormatException)
            {
                throw new DataSetSourceException(e.Message, e);
            }
        }

        /// <summary>
        /// Receives the next DIMSE message (Evt10/DT-2 per P-DATA-TF PDU). The command is collected (bounded), then
        /// <paramref name="sinkFactory"/> is asked where the data set goes and every fragment is written there as it arrives.
        /// Returns null when the peer released the association (Evt12/AR-2, then Evt14/AR-4 is performed here).
        /// Throws <see cref="AssociationAbortedException"/> for an A-ABORT, a closed connection, a timeout or a protocol error
        /// (after sending the A-ABORT the table prescribes).
        /// </summary>
        public Task<DimseMessage> ReceiveMessageAsync(Func<DimseCommand, PresentationContext, IDataSetSink> sinkFactory, TimeSpan firstPduTimeout, CancellationToken cancellationToken) =>
            ReceiveMessageCore(false, sinkFactory, firstPduTimeout, cancellationToken);

        /// <summary>The same, blocking the calling thread (a receiver's association thread).</summary>
        public DimseMessage ReceiveMessage(Func<DimseCommand, PresentationContext, IDataSetSink> sinkFactory, TimeSpan firstPduTimeout, CancellationToken cancellationToken) =>
            Blocked(ReceiveMessageCore(true, sinkFactory, firstPduTimeout, cancellationToken));

        private async Task<DimseMessage> ReceiveMessageCore(bool blocking, Func<DimseCommand, PresentationContext, IDataSetSink> sinkFactory, TimeSpan firstPduTimeout, CancellationToken cancellationToken)
        {
            var assembler = new DimseMessageAssembler(_contexts, sinkFactory);
            bool started = false;
            try
            {
                while (true)
                {
                    _timer.Start(started ? Options.DimseTimeout : firstPduTimeout,
                        started ? "no PDU within the DIMSE timeout while a message was in progress" : "no message within the timeout");
                    bool got = await ReadPdu(blocking, cancellationToken).ConfigureAwait(false);
                    _timer.Stop();
                    if (!got)
                    {
                        StateMachine.Fire(UpperLayerEvent.Evt17);
                        CloseTransport();
                        // Our own close (a timeout, a displacement) reads as an end of stream too: say which it was.
                        throw new AssociationAbortedException(Peer, _timer.ExpiredReason ?? AbortReason ??
                            "peer closed the connection" + (started ? " in the middle of a message" : " without releasing"));
                    }
                    UpperLayerAction action = StateMachine.Fire(EventFor(_reader.LastType));
                    if (action == UpperLayerAction.AR3)                            // our A-RELEASE-RQ was confirmed
                    {
                        CloseTransport();
                        return null;
                    }
                    if (action == UpperLayerAction.AR8) continue;                  // release collision: wait for the peer's RP (Sta10)
                    if (action == UpperLayerAction.AR10)                           // collision resolved: answer with our RP (AR-4)
                    {
                        StateMachine.Fire(UpperLayerEvent.Evt14);
                        await WritePdu(blocking, new ReleaseResponsePdu(), cancellationToken).ConfigureAwait(false);
                        CloseTransport();
                        return null;
                    }
                    if (action == UpperLayerAction.AR2)
                    {
                        if (started)
                        {
                            await PerformAbortAction(blocking, StateMachine.Fire(UpperLayerEvent.Evt19), "A-RELEASE-RQ in the middle of a message").ConfigureAwait(false);
                            throw new AssociationAbortedException(Peer, AbortReason);
                        }
                        StateMachine.Fire(UpperLayerEvent.Evt14);                 // AR-4
                        ReleaseRequested?.Invoke();
                        await WritePdu(blocking, new ReleaseResponsePdu(), cancellationToken).ConfigureAwait(false);
                        await AwaitClose(blocking).ConfigureAwait(false);
                        return null;
                    }
                    if (action != UpperLayerAction.DT2 && action != UpperLayerAction.AR6)
                    {
                        string why = _reader.LastType == PduType.Abort ? DescribeAbort() : "unexpected " + _reader.LastType + " PDU";
                        await PerformAbortAction(blocking, action, why).ConfigureAwait(false);
                        throw new AssociationAbortedException(Peer, AbortReason);
                    }
                    started = true;
                    _inMessage = 1;
                    DimseMessage message = assembler.Add(PresentationDataValueParser.Parse(new PduParser(_reader.Body, 0, _reader.BodyLength)));
                    if (message != null) return message;
                }
            }
            catch (PduFormatException e)
            {
                await PerformAbortAction(blocking, StateMachine.Fire(UpperLayerEvent.Evt19), e.Message).ConfigureAwait(false);
                throw new AssociationAbortedException(Peer, AbortReason, e);
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is SocketException)
            {
                if (StateMachine.State != UpperLayerState.Sta1) StateMachine.Fire(_timer.ExpiredReason != null ? UpperLayerEvent.Evt18 : UpperLayerEvent.Evt17);
                CloseTransport();
                throw Translate(e, "while receiving");
            }
            finally
            {
                Volatile.Write(ref _inMessage, 0);
            }
        }

        /// <summary>
        /// Graceful stop: when waiting between messages, give the peer <paramref name="grace"/> to release (or to start its
        /// next message, which is then finished); after that the connection is closed.
        /// </summary>
        public void LimitIdleWait(TimeSpan grace)
        {
            if (!InMessage) _timer.Start(grace, "receiver stopping");
        }

        /// <summary>
        /// The provider is done (its file count is reached): when no message starts within <paramref name="grace"/>, it asks for
        /// the release itself (Evt11/AR-1, A-RELEASE-RQ, ARTIM for the RP) instead of closing the connection, so the peer sees a
        /// clean release. The pending <see cref="ReceiveMessageAsync"/> returns null once the A-RELEASE-RP arrives. A peer that
        /// releases first, or starts another message, is served as usual.
        /// </summary>
        public void RequestReleaseWhenIdleFor(TimeSpan grace)
        {
            var timer = new Timer(_ => { _ = RequestReleaseNowAsync(); }, null, Timeout.Infinite, Timeout.Infinite);
            Interlocked.Exchange(ref _releaseTimer, timer)?.Dispose();
            timer.Change(grace, Timeout.InfiniteTimeSpan);
        }

        private async Task RequestReleaseNowAsync()
        {
            if (InMessage || Volatile.Read(ref _closed) == 1) return;
            if (StateMachine.FireIn(UpperLayerState.Sta6, UpperLayerEvent.Evt11) != UpperLayerAction.AR1) return;
            try
            {
                _timer.Start(Options.ArtimTimeout, "no A-RELEASE-RP within the ARTIM timeout");
                await WritePdu(false, new ReleaseRequestPdu(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                CloseTransport();
            }
        }

        private Timer? _releaseTimer;

        /// <summary>True while a message is half received (a graceful stop waits for it to complete).</summary>
        public bool InMessage => Volatile.Read(ref _inMessage) == 1;

        // ----------------------------------------------------------------------------------------------- abort and close

        /// <summary>Why the association was aborted (set when it was).</summary>
        public string? AbortReason { get; private set; }

        /// <summary>Evt15/AA-1: sends an A-ABORT (service-user source) and closes.</summary>
        public Task AbortAsync(string reason) => AbortCore(false, reason);

        /// <summary>The same, blocking the calling thread.</summary>
        public void Abort(string reason) => Blocked(AbortCore(true, reason));

        private Task AbortCore(bool blocking, string reason)
        {
            AbortReason = reason;
            UpperLayerAction action = StateMachine.Fire(UpperLayerEvent.Evt15);
            return PerformAbortAction(blocking, action == UpperLayerAction.Undefined ? UpperLayerAction.AA2 : action, reason);
        }

        private async Task PerformAbortAction(bool blocking, UpperLayerAction action, string reason)
        {
            if (AbortReason == null) AbortReason = reason;
            try
            {
                switch (action)
                {
                    case UpperLayerAction.AA1:
                        await WritePdu(blocking, new AbortPdu(AbortPdu.SourceServiceUser, 0), CancellationToken.None).ConfigureAwait(false);
                        break;
                    case UpperLayerAction.AA7:
                    case UpperLayerAction.AA8:
                    case UpperLayerAction.Undefined:
                        await WritePdu(blocking, new AbortPdu(AbortPdu.SourceServiceProvider, AbortPdu.ReasonUnexpectedPdu), CancellationToken.None).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception)
            {
                // The peer may already be gone; closing below is all that is left.
            }
            CloseTransport();
        }

        private string DescribeAbort()
        {
            try
            {
                var abort = (AbortPdu)_reader.Decode();
                return "peer sent A-ABORT (source " + abort.Source + ", reason " + abort.Reason + ")";
            }
            catch (PduFormatException)
            {
                return "peer sent A-ABORT";
            }
        }

        /// <summary>Sta13: waits (ARTIM) for the peer to close the connection, discarding what arrives.</summary>
        private async Task AwaitClose(bool blocking)
        {
            _timer.Start(Options.ArtimTimeout, "peer did not close the connection within the ARTIM timeout");
            try
            {
                while (await ReadPdu(blocking, CancellationToken.None).ConfigureAwait(false)) { }
                StateMachine.Fire(UpperLayerEvent.Evt17);                         // AR-5
            }
            catch (Exception)
            {
            }
            finally
            {
                _timer.Stop();
                CloseTransport();
            }
        }

        private Exception TransportClosed(string reason)
        {
            StateMachine.Fire(UpperLayerEvent.Evt17);
            CloseTransport();
            return new AssociationAbortedException(Peer, reason);
        }

        private Exception Translate(Exception e, string when)
        {
            string? expired = _timer.ExpiredReason;
            if (expired != null) return new AssociationAbortedException(Peer, expired, e);
            if (AbortReason != null) return new AssociationAbortedException(Peer, AbortReason, e);
            return new AssociationAbortedException(Peer, "connection lost " + when + ": " + e.Message, e);
        }

        private static UpperLayerEvent EventFor(PduType type)
        {
            switch (type)
            {
                case PduType.AssociateRequest: return UpperLayerEvent.Evt6;
                case PduType.AssociateAccept: return UpperLayerEvent.Evt3;
                case PduType.AssociateReject: return UpperLayerEvent.Evt4;
                case PduType.PDataTransfer: return UpperLayerEvent.Evt10;
                case PduType.ReleaseRequest: return UpperLayerEvent.Evt12;
                case PduType.ReleaseResponse: return UpperLayerEvent.Evt13;
                case PduType.Abort: return UpperLayerEvent.Evt16;
                default: return UpperLayerEvent.Evt19;
            }
        }

        /// <summary>Reads the next whole PDU: <see cref="PduReader.Read"/> when <paramref name="blocking"/>, else <see cref="PduReader.ReadAsync"/>.</summary>
        private async Task<bool> ReadPdu(bool blocking, CancellationToken cancellationToken)
        {
            bool got;
            if (blocking)
            {
                cancellationToken.ThrowIfCancellationRequested();
                got = _reader.Read();
            }
            else got = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (got) PduReceived?.Invoke();
            return got;
        }

        /// <summary>Called after every whole PDU received (a receiver counts a C-STORE's fragments as progress).</summary>
        public Action? PduReceived { get; set; }

        /// <summary>
        /// Ends this association from another thread because a newcomer needs its place: an A-ABORT (service user) when it
        /// is established, then the transport is closed (within a second, even when the peer does not read). The pending
        /// receive fails with <paramref name="reason"/>.
        /// </summary>
        public void Displace(string reason)
        {
            if (AbortReason == null) AbortReason = reason;
            _timer.Start(TimeSpan.FromSeconds(1), reason);                      // closes even when the A-ABORT cannot be written
            if (StateMachine.FireIn(UpperLayerState.Sta6, UpperLayerEvent.Evt15) == UpperLayerAction.AA1)
                _ = AbortThenCloseAsync();
            else
                CloseTransport();
        }

        private async Task AbortThenCloseAsync()
        {
            try
            {
                byte[] bytes = new AbortPdu(AbortPdu.SourceServiceUser, 0).Encode();
                using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
                    await WriteRawAsync(bytes, bytes.Length, cts.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The peer may be gone or not reading; the transport is closed below either way.
            }
            CloseTransport();
        }

        private Task WritePdu(bool blocking, Pdu pdu, CancellationToken cancellationToken)
        {
            byte[] bytes = pdu.Encode();
            return WriteRaw(blocking, bytes, bytes.Length, cancellationToken);
        }

        /// <summary>Writes under the write lock: blocking the calling thread when <paramref name="blocking"/>, else awaiting.</summary>
        private Task WriteRaw(bool blocking, byte[] bytes, int count, CancellationToken cancellationToken)
        {
            if (!blocking) return WriteRawAsync(bytes, count, cancellationToken);
            _writeLock.Wait(cancellationToken);
            try
            {
                _stream.Write(bytes, 0, count);
            }
            finally
            {
                _writeLock.Release();
            }
            return Task.CompletedTask;
        }

        /// <summary>The result of a call made with <c>blocking: true</c>, which completed before it returned.</summary>
        private static T Blocked<T>(Task<T> completed) => completed.GetAwaiter().GetResult();

        private static void Blocked(Task completed) => completed.GetAwaiter().GetResult();

        private async Task WriteRawAsync(byte[] bytes, int count, CancellationToken cancellationToken)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(bytes, 0, count, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        /// <summary>Closes the transport (idempotent, safe from the timer thread): any pending read or write ends.</summary>
        public void CloseTransport()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            try { _stream.Dispose(); } catch (Exception) { }
        }

        public bool IsClosed => Volatile.Read(ref _closed) == 1;

        public void Dispose()
        {
            CloseTransport();
            Interlocked.Exchange(ref _releaseTimer, null)?.Dispose();
            _timer.Dispose();
        }
    }
}
