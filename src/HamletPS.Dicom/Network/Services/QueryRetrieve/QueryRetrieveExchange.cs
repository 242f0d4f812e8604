#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// One C-FIND, C-GET or C-MOVE on an established association (PS3.7 9.1.2-9.1.4): sends the request and its identifier,
    /// then receives messages until the final response. Pending responses go to a callback (which may ask to stop), C-STORE
    /// sub-operations of a C-GET to the storage callback and are answered at once. Cancellation (the token, or the callback
    /// returning false) sends one C-CANCEL-RQ and keeps reading until the peer's final response; a peer that does not send
    /// it within <see cref="CancelGrace"/> is aborted. Nothing is held beyond the message being received.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim holds no wait handle (AvailableWaitHandle is never read): nothing to release.")]
    internal sealed class QueryRetrieveExchange
    {
        /// <summary>How long a peer may take to send its final response after our C-CANCEL before we abort the association.</summary>
        internal static TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

        private readonly Association _a;
        private readonly SemaphoreSlim _send = new SemaphoreSlim(1, 1);
        private readonly PresentationContext _context;
        private readonly ushort _messageId;
        private int _cancelSent;
        private int _finished;

        public QueryRetrieveExchange(Association association, PresentationContext context, ushort messageId)
        {
            _a = association;
            _context = context;
            _messageId = messageId;
        }

        /// <summary>True once a C-CANCEL-RQ was sent.</summary>
        public bool CancelRequested => Volatile.Read(ref _cancelSent) == 1;

        /// <summary>Where a C-STORE sub-operation's data set goes (C-GET); null refuses it.</summary>
        public Func<DimseCommand, PresentationContext, IDataSetSink>? StoreSink { get; set; }

        /// <summary>Completes a C-STORE sub-operation whose data set has arrived: the status and comment to answer with.</summary>
        public Func<DimseMessage, (ushort Status, string Comment)> StoreCompleted { get; set; }

        /// <summary>Runs the exchange; returns the final response and its identifier (null when it has none).</summary>
        public async Task<(DimseCommand Final, IdentifierSink Identifier)> RunAsync(DimseCommand request, byte[] identifier, Func<DimseCommand, IdentifierSink, bool> onPending, CancellationToken cancellationToken)
        {
            await SendAsync(request, identifier).ConfigureAwait(false);
            using (cancellationToken.Register(() => { _ = CancelAsync(); }))
            {
                try
                {
                    while (true)
                    {
                        IdentifierSink? sink = null;
                        DimseMessage message = await _a.ReceiveMessageAsync((cmd, ctx) =>
                        {
                            if (cmd.CommandField == DimseCommandField.CStoreRequest) return StoreSink?.Invoke(cmd, ctx);
                            sink = new IdentifierSink();
                            return sink;
                        }, _a.Options.DimseTimeout, CancellationToken.None).ConfigureAwait(false);
                        if (message == null) throw new AssociationAbortedException(_a.Peer, "peer released the association before the final response");
                        DimseCommand cmd = message.Command;
                        if (cmd.CommandField == DimseCommandField.CStoreRequest && StoreCompleted != null)
                        {
                            var (status, comment) = StoreCompleted(message);
                            await SendAsync(DimseCommand.ResponseTo(cmd, status, comment), null, message.Context.Id).ConfigureAwait(false);
                            continue;
                        }
                        if ((ushort)cmd.CommandField != ((ushort)request.CommandField | 0x8000) || cmd.MessageIdBeingRespondedTo != _messageId)
                        {
                            await _a.AbortAsync("unexpected " + cmd.CommandField + " during " + request.CommandField).ConfigureAwait(false);
                            throw new AssociationAbortedException(_a.Peer, "peer sent " + cmd.CommandField + " in the middle of " + request.CommandField);
                        }
                        if (sink != null && sink.Overflowed)
                        {
                            await _a.AbortAsync("identifier too long").ConfigureAwait(false);
                            throw new AssociationAbortedException(_a.Peer, "response identifier longer than " + QueryIdentifier.MaxLength + " bytes");
                        }
                        ushort st = cmd.Status ?? 0xFFFF;
                        if (QueryRetrieveStatus.IsPending(st))
                        {
                            if (!onPending(cmd, sink) && !CancelRequested) await CancelAsync().ConfigureAwait(false);
                            continue;
                        }
                        Volatile.Write(ref _finished, 1);
                        return (cmd, sink);
                    }
                }
                catch (DicomNetworkException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref _finished, 1);
                }
            }
        }

        /// <summary>Sends the C-CANCEL-RQ once and arms the grace timer that aborts a peer which never answers it.</summary>
        public async Task CancelAsync()
        {
            if (Interlocked.Exchange(ref _cancelSent, 1) == 1 || Volatile.Read(ref _finished) == 1) return;
            _ = Task.Delay(CancelGrace).ContinueWith(_ =>
            {
                if (Volatile.Read(ref _finished) == 0) _ = _a.AbortAsync("no final response within " + CancelGrace.TotalSeconds + " s of C-CANCEL");
            }, TaskScheduler.Default);
            try
            {
                await SendAsync(DimseCommand.CancelRequest(_messageId), null).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The association is already gone: the reader sees it closed.
            }
        }

        private async Task SendAsync(DimseCommand command, byte[] dataSet, byte? contextId = null)
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                using (Stream? ds = dataSet == null ? null : new MemoryStream(dataSet, false))
                    await _a.SendMessageAsync(contextId ?? _context.Id, command, ds, dataSet?.Length ?? 0, null, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
