#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Storage;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Storage SCP (PS3.4 Annex B) with the Verification SCP built in. Listens on a port; every association runs on its own
    /// task; each C-STORE data set is streamed to a temporary file in the target folder and renamed to
    /// <c>&lt;SOPInstanceUID&gt;.dcm</c> only after it is durably written; then the success status is sent. One
    /// <see cref="ReceivedFile"/> is reported per C-STORE. Cancelling <see cref="RunAsync"/> stops accepting, lets in-flight
    /// files finish, aborts idle associations, and returns.
    /// Admission (<see cref="AdmissionControl"/>): peers outside <see cref="StorageScpOptions.AllowedPeerAddresses"/> and
    /// connections over <see cref="StorageScpOptions.MaxConnections"/> are closed right after the TCP accept, without a
    /// thread; a connection must deliver its A-ASSOCIATE-RQ within <see cref="StorageScpOptions.AssociationRequestTimeout"/>;
    /// at the association limits a newcomer displaces an association without progress for
    /// <see cref="StorageScpOptions.EvictIdleAfter"/>, so idle associations cannot lock real senders out.
    /// </summary>
    public sealed class StorageScp : IDisposable
    {
        private readonly StorageScpOptions _options;
        private readonly AssociationNegotiator _negotiator;
        private readonly HashSet<string> _sopClasses;
        private readonly AdmissionControl _admission;
        private readonly PeerAddressFilter _peerFilter;
        private readonly ConcurrentDictionary<int, Task> _connections = new ConcurrentDictionary<int, Task>();
        /// <summary>On a graceful stop, how long an idle association may take to release before it is closed.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);
        /// <summary>
        /// Once <see cref="StorageScpOptions.StopAfterFiles"/> is reached, how long an idle association may take to release
        /// itself before we request the release (A-RELEASE-RQ; never an abort).
        /// </summary>
        internal static TimeSpan CountReachedReleaseGrace = TimeSpan.FromSeconds(3);
        private int _countReached;
        private TcpListener? _listener;
        private long _lastRefusalLog;
        private int _refusalsNotLogged;
        private int _stored;
        private int _connectionIds;
        private long _lastActivityTicks;

        public StorageScp(StorageScpOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrEmpty(options.Folder)) throw new ArgumentException("Folder is required", nameof(options));
            if (options.MaxAssociations < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAssociations must be at least 1");
            if (options.MaxAssociationsPerPeer < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAssociationsPerPeer must be at least 1");
            if (options.MaxConnections < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxConnections must be 0 (automatic) or more");
            if (options.EffectiveMaxConnections <= options.MaxAssociations)
                throw new ArgumentOutOfRangeException(nameof(options), "MaxConnections (" + options.EffectiveMaxConnections + ") must be larger than MaxAssociations (" + options.MaxAssociations + ")");
            if (options.AssociationRequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "AssociationRequestTimeout must be positive");
            if (options.EvictIdleAfter <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "EvictIdleAfter must be positive");
            if (options.BindAddress == null) throw new ArgumentException("BindAddress is required", nameof(options));
            try
            {
                _peerFilter = PeerAddressFilter.Parse(options.AllowedPeerAddresses);
            }
            catch (FormatException e)
            {
                throw new ArgumentException(e.Message, nameof(options), e);
            }
            _admission = new AdmissionControl(options.EffectiveMaxConnections, options.MaxAssociations, options.MaxAssociationsPerPeer, options.EvictIdleAfter);
            if (options.AeTitle != null && options.AeTitle.Trim().Length > 16) throw new ArgumentException("AE title longer than 16 characters", nameof(options));
            options.Association.Validate();
            _sopClasses = new HashSet<string>(options.SopClasses ?? new List<string>(), StringComparer.Ordinal);
            _negotiator = new AssociationNegotiator(options.AeTitle, options.AllowedCallingAeTitles,
                uid => options.AcceptAllStorageClasses ? StorageSopClasses.IsStorageClass(uid) : _sopClasses.Contains(uid),
                options.TransferSyntaxes.ToList());
        }

        /// <summary>The port actually bound (useful with Port = 0).</summary>
        public int Port { get; private set; }

        /// <summary>Associations currently established.</summary>
        public int ActiveAssociations => _admission.Associations;

        /// <summary>TCP connections currently open (each served by one thread).</summary>
        public int OpenConnections => _admission.Connections;

        /// <summary>Files stored since start.</summary>
        public int StoredFiles => Volatile.Read(ref _stored);

        /// <summary>Receives one line per association event (peer, AE titles, reasons; never a data value).</summary>
        public IProgress<string>? Log { get; set; }

        /// <summary>Complete files an earlier run left under a temporary name, put in place by <see cref="Start"/>.</summary>
        public IReadOnlyList<string> RecoveredFiles { get; private set; } = new string[0];

        /// <summary>The addresses peers can connect to (for the "where to connect" banner).</summary>
        public IReadOnlyList<string> LocalAddresses()
        {
            var list = new List<string>();
            try
            {
                foreach (IPAddress a in Dns.GetHostAddresses(Dns.GetHostName()))
                    if (!IPAddress.IsLoopback(a)) list.Add(a.ToString());
            }
            catch (SocketException)
            {
            }
            list.Add("127.0.0.1");
            return list.Distinct().ToList();
        }

        /// <summary>
        /// The addresses peers can connect to: <see cref="LocalAddresses"/> when listening on every address, else the one
        /// address listened on.
        /// </summary>
        public IReadOnlyList<string> ReachableAddresses()
        {
            IPAddress bind = _options.BindAddress;
            if (bind.Equals(IPAddress.IPv6Any) || bind.Equals(IPAddress.Any)) return LocalAddresses();
            return new[] { bind.ToString() };
        }

        /// <summary>
        /// Creates the folder, puts complete <c>.*.partial</c> files of an earlier run in place and removes the others
        /// (<see cref="PartialFileRecovery"/>), and binds the port.
        /// </summary>
        public void Start()
        {
            if (_listener != null) return;
            IStorageFileSystem fs = _options.FileSystem;
            fs.CreateDirectory(_options.Folder);
            RecoveredFiles = PartialFileRecovery.Run(fs, _options.Folder);
            var listener = new TcpListener(_options.BindAddress, _options.Port);
            if (_options.BindAddress.Equals(IPAddress.IPv6Any))
            {
                try { listener.Server.DualMode = true; }
                catch (Exception) { listener = new TcpListener(IPAddress.Any, _options.Port); }
            }
            try
            {
                listener.Start(Math.Max(64, _options.MaxAssociations * 4));
            }
            catch (SocketException) when (_options.BindAddress.Equals(IPAddress.IPv6Any))
            {
                listener = new TcpListener(IPAddress.Any, _options.Port);
                listener.Start(Math.Max(64, _options.MaxAssociations * 4));
            }
            _listener = listener;
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Touch();
        }

        /// <summary>
        /// Serves until <paramref name="cancellationToken"/> is cancelled (or a stop condition of the options is met), then
        /// stops accepting, finishes in-flight files and returns.
        /// </summary>
        [SuppressMessage("Reliability", "CA2025", Justification = "Connections are awaited before the token sources are disposed; only an unexpected exception from the accept loop leaves them running (see docs/architecture.md, Guard rails).")]
        public async Task RunAsync(IProgress<ReceivedFile> progress, CancellationToken cancellationToken)
        {
            Start();
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var hardStop = new CancellationTokenSource())
            using (stop.Token.Register(() => { try { _listener.Stop(); } catch (Exception) { } }))
            using (var idle = _options.StopWhenIdleFor.HasValue ? new Timer(_ => CheckIdle(stop), null, 1000, 1000) : null)
            {
                while (!stop.IsCancellationRequested)
                {
                    Socket socket;
                    try
                    {
                        socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (stop.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (SocketException e)
                    {
                        Log?.Report("accept failed: " + e.SocketErrorCode);
                        continue;
                    }
                    AdmissionTicket ticket = Admit(socket);
                    if (ticket == null) continue;
                    Touch();
                    int id = Interlocked.Increment(ref _connectionIds);
                    Task task = RunOnOwnThread(() => ServeConnection(socket, ticket, progress, stop, hardStop.Token));
                    _connections[id] = task;
                    _ = task.ContinueWith(t => _connections.TryRemove(id, out _), TaskScheduler.Default);
                }
                try { _listener.Stop(); } catch (Exception) { }
                await Task.WhenAll(_connections.Values.ToArray()).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Admits an accepted connection, or closes it at once (reset, no thread) when its address is not allowed or the
        /// connection limit is reached without a connection it may displace.
        /// </summary>
        private AdmissionTicket? Admit(Socket socket)
        {
            IPAddress? address = null;
            try { address = (socket.RemoteEndPoint as IPEndPoint)?.Address; } catch (Exception) { }
            string? refusal = null;
            AdmissionTicket? ticket = null;
            if (address == null) refusal = "peer address unknown";
            else if (!_peerFilter.Allows(address)) refusal = "address not in the allowed peer addresses";
            else ticket = _admission.AdmitConnection(address, out refusal);
            if (ticket != null) return ticket;
            try { socket.LingerState = new LingerOption(true, 0); } catch (Exception) { }
            try { socket.Dispose(); } catch (Exception) { }
            LogRefusal(AdmissionControl.Normalize(address) + ": connection refused: " + refusal);
            return null;
        }

        /// <summary>At most one line a second for refused connections (a flood must not flood the log too).</summary>
        private void LogRefusal(string line)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            long last = Interlocked.Read(ref _lastRefusalLog);
            if (last != 0 && now - last < System.Diagnostics.Stopwatch.Frequency)
            {
                Interlocked.Increment(ref _refusalsNotLogged);
                return;
            }
            Interlocked.Exchange(ref _lastRefusalLog, now);
            int skipped = Interlocked.Exchange(ref _refusalsNotLogged, 0);
            Log?.Report(line + (skipped > 0 ? " (" + skipped + " more refused since the last line)" : string.Empty));
        }

        private void CheckIdle(CancellationTokenSource stop)
        {
            if (ActiveAssociations > 0 || _connections.Count > 0) { Touch(); return; }
            long idleTicks = DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastActivityTicks);
            if (idleTicks > _options.StopWhenIdleFor.Value.Ticks) { try { stop.Cancel(); } catch (ObjectDisposedException) { } }
        }

        private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, DateTime.UtcNow.Ticks);

        /// <summary>
        /// Runs one connection on a thread of its own (like storescp's process per association): its PDUs are read and written
        /// with blocking calls, so each arrival wakes this thread directly instead of passing through the thread pool.
        /// </summary>
        private static Task RunOnOwnThread(Action serve)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    serve();
                    done.TrySetResult(true);
                }
                catch (OperationCanceledException)
                {
                    done.TrySetCanceled();
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            })
            { IsBackground = true, Name = "DICOM association" };
            thread.Start();
            return done.Task;
        }

        /// <summary>One admitted connection, served with blocking calls on the calling thread (its own).</summary>
        private void ServeConnection(Socket socket, AdmissionTicket ticket, IProgress<ReceivedFile> progress, CancellationTokenSource stop, CancellationToken hardStop)
        {
            using (ticket)
                ServeAdmitted(socket, ticket, progress, stop, hardStop, System.Diagnostics.Stopwatch.StartNew());
        }

        private void ServeAdmitted(Socket socket, AdmissionTicket ticket, IProgress<ReceivedFile> progress, CancellationTokenSource stop, CancellationToken hardStop, System.Diagnostics.Stopwatch sinceAccept)
        {
            string peer;
            try { peer = socket.RemoteEndPoint?.ToString() ?? "<peer>"; } catch (Exception) { peer = "<peer>"; }
            ticket.OnDisplaced(_ => { try { socket.Dispose(); } catch (Exception) { } });
            Stream stream;
            try
            {
                stream = DicomTransport.Accept(socket, peer, _options.AssociationRequestTimeout, _options.Tls, hardStop);
            }
            catch (Exception e)
            {
                socket.Dispose();
                Log?.Report(peer + ": connection closed: " + (ticket.DisplacedReason ?? e.Message));
                return;
            }

            using (Association a = Association.ForIncoming(stream, peer, _options.Association))
            {
                ticket.OnDisplaced(a.Displace);
                TimeSpan left = _options.AssociationRequestTimeout - sinceAccept.Elapsed;
                AssociateRequestPdu rq = a.ReceiveRequest(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), _options.AssociationRequestTimeout, hardStop);
                if (rq == null)
                {
                    Log?.Report(peer + ": no association: " + (a.AbortReason ?? "connection closed"));
                    return;
                }
                Pdu answer = _negotiator.Negotiate(rq);
                if (answer is AssociateRejectPdu reject)
                {
                    Log?.Report(a.Peer + ": " + reject.Describe());
                    a.RejectRequest(reject, hardStop);
                    return;
                }
                string? full = _admission.AcquireAssociation(ticket);
                if (full != null)
                {
                    var limit = AssociateRejectPdu.LocalLimitExceeded();
                    Log?.Report(a.Peer + ": " + limit.Describe() + " (" + full + ", none without progress for " + _options.EvictIdleAfter.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s)");
                    a.RejectRequest(limit, hardStop);
                    return;
                }
                a.ReleaseRequested = ticket.ReleaseAssociation;   // a released peer may reconnect before this handler has finished closing
                try
                {
                    a.AcceptRequest((AssociateAcceptPdu)answer, hardStop);
                    Log?.Report(a.Peer + ": association accepted (" + a.Contexts.Values.Count(c => c.IsAccepted) + " presentation contexts)");
                    ServeAssociation(a, ticket, progress, stop, hardStop);
                }
                finally
                {
                    ticket.ReleaseAssociation();
                    Touch();
                }
            }
        }

        private void ServeAssociation(Association a, AdmissionTicket ticket, IProgress<ReceivedFile> progress, CancellationTokenSource stop, CancellationToken hardStop)
        {
            ReceivedFileWriter? writer = null;
            int waiting = 0;
            int storing = 0;
            // Progress that protects an association from being displaced: C-STORE fragments and stored files, not C-ECHOs.
            a.PduReceived = () => { if (Volatile.Read(ref storing) == 1) ticket.Progress(); };
            // A graceful stop aborts an association waiting between messages at once; one in the middle of a message
            // finishes that message first (checked after each message below).
            using (stop.Token.Register(() => { if (Volatile.Read(ref waiting) == 1) StopWaiting(a); }))
            {
                try
                {
                    while (true)
                    {
                        writer = null;
                        Volatile.Write(ref waiting, 1);
                        bool countReached = Volatile.Read(ref _countReached) == 1;
                        if (countReached) a.RequestReleaseWhenIdleFor(CountReachedReleaseGrace);
                        TimeSpan wait = countReached ? CountReachedReleaseGrace + _options.Association.ArtimTimeout + TimeSpan.FromSeconds(5)
                            : stop.IsCancellationRequested ? StopGrace : _options.Association.NetworkIdleTimeout;
                        DimseMessage message = a.ReceiveMessage((cmd, ctx) =>
                        {
                            if (cmd.CommandField != DimseCommandField.CStoreRequest) return null;
                            Volatile.Write(ref storing, 1);
                            ticket.Progress();
                            writer = new ReceivedFileWriter(_options.FileSystem, _options.Folder, _options.DuplicatePolicy, _options.DurableWrites, _options.CheckDataSets, cmd, ctx, a.CallingAeTitle);
                            return writer;
                        }, wait, hardStop);
                        Volatile.Write(ref waiting, 0);
                        if (message == null)
                        {
                            Log?.Report(a.Peer + ": association released");
                            return;
                        }
                        Touch();
                        Respond(a, message, writer, progress, stop, hardStop);
                        if (Volatile.Read(ref storing) == 1) ticket.Progress();
                        Volatile.Write(ref storing, 0);
                        writer = null;
                    }
                }
                catch (AssociationAbortedException e)
                {
                    writer?.Discard();
                    Log?.Report(a.Peer + ": association aborted: " + e.Reason);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    Log?.Report(a.Peer + ": association failed: " + e.Message);
                    a.Abort(e.Message);
                }
                finally
                {
                    writer?.Discard();       // temporary file of a message that never completed
                }
            }
        }

        /// <summary>A stop while waiting between messages: a reached count releases, a cancellation closes after a short grace.</summary>
        private void StopWaiting(Association a)
        {
            if (Volatile.Read(ref _countReached) == 1) a.RequestReleaseWhenIdleFor(CountReachedReleaseGrace);
            else a.LimitIdleWait(StopGrace);
        }

        private void Respond(Association a, DimseMessage message, ReceivedFileWriter writer, IProgress<ReceivedFile> progress, CancellationTokenSource stop, CancellationToken hardStop)
        {
            DimseCommand cmd = message.Command;
            switch (cmd.CommandField)
            {
                case DimseCommandField.CEchoRequest:
                    a.SendMessage(message.Context.Id, DimseCommand.ResponseTo(cmd, DimseStatus.Success), null, 0, null, hardStop);
                    return;
                case DimseCommandField.CStoreRequest:
                    ushort status = writer.Complete();
                    var received = new ReceivedFile
                    {
                        CallingAeTitle = a.CallingAeTitle,
                        CalledAeTitle = a.CalledAeTitle,
                        PeerAddress = a.Peer,
                        SopClassUid = writer.SopClassUid,
                        SopInstanceUid = writer.SopInstanceUid,
                        TransferSyntaxUid = writer.TransferSyntaxUid,
                        Path = writer.FinalPath,
                        Length = writer.FinalPath != null ? writer.Length : 0,
                        Status = status,
                        Stored = writer.FinalPath != null && status == DimseStatus.Success,
                        ErrorComment = writer.ErrorComment,
                        ReceivedAt = DateTimeOffset.Now,
                    };
                    a.SendMessage(message.Context.Id, DimseCommand.ResponseTo(cmd, status, writer.ErrorComment), null, 0, null, hardStop);
                    if (received.Stored)
                    {
                        int n = Interlocked.Increment(ref _stored);
                        if (_options.StopAfterFiles.HasValue && n >= _options.StopAfterFiles.Value)
                        {
                            Volatile.Write(ref _countReached, 1);     // associations release (peer first, else we ask): no abort
                            try { stop.Cancel(); } catch (ObjectDisposedException) { }
                        }
                    }
                    progress?.Report(received);
                    return;
                default:
                    // Unrecognized operation (PS3.7 C.4.2: 0211H); the data set, if any, was drained.
                    a.SendMessage(message.Context.Id, DimseCommand.ResponseTo(cmd, 0x0211, "operation not supported"), null, 0, null, hardStop);
                    return;
            }
        }

        public void Dispose()
        {
            try { _listener?.Stop(); } catch (Exception) { }
        }
    }
}
