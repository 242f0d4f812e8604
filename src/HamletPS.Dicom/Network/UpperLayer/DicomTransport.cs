using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Dicom.Network
{
    /// <summary>Opens TCP connections for associations: TCP_NODELAY on every socket, optional TLS with a bounded handshake.</summary>
    internal static class DicomTransport
    {
        /// <summary>Connects to a peer (ARTIM bounds the connect and the TLS handshake).</summary>
        public static async Task<(Socket Socket, Stream Stream)> ConnectAsync(string host, int port, AssociationOptions options, DicomTlsOptions tls, CancellationToken cancellationToken)
        {
            string peer = host + ":" + port;
            IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress ip) ? new[] { ip } : await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
            Exception? last = null;
            foreach (IPAddress address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    using (cts.Token.Register(() => socket.Dispose()))
                    {
                        cts.CancelAfter(options.ArtimTimeout);
                        try
                        {
                            await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, new IPEndPoint(address, port), null).ConfigureAwait(false);
                        }
                        catch (Exception) when (cts.IsCancellationRequested)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            throw new DicomNetworkException(peer, "TCP connect did not complete within " + options.ArtimTimeout.TotalSeconds + " s");
                        }
                        Stream stream = new NetworkStream(socket, ownsSocket: true);
                        if (tls != null) stream = await AuthenticateClientAsync(stream, host, peer, options, tls, cts.Token).ConfigureAwait(false);
                        return (socket, stream);
                    }
                }
                catch (OperationCanceledException) { socket.Dispose(); throw; }
                catch (Exception e)
                {
                    socket.Dispose();
                    last = e is DicomNetworkException ? e : new DicomNetworkException(peer, "cannot connect: " + e.Message, e);
                }
            }
            throw last ?? new DicomNetworkException(peer, "host name resolves to no address");
        }

        private static async Task<Stream> AuthenticateClientAsync(Stream inner, string host, string peer, AssociationOptions options, DicomTlsOptions tls, CancellationToken token)
        {
            var ssl = new SslStream(inner, false, (s, c, ch, e) => tls.ValidatePeer(c, ch, e, isServer: false),
                (s, target, local, remote, issuers) => tls.Certificate);
            try
            {
                var certs = new System.Security.Cryptography.X509Certificates.X509CertificateCollection();
                if (tls.Certificate != null) certs.Add(tls.Certificate);
                using (token.Register(() => ssl.Dispose()))
                    await ssl.AuthenticateAsClientAsync(tls.TargetHost ?? host, certs, tls.Protocols, false).ConfigureAwait(false);
                return ssl;
            }
            catch (Exception e)
            {
                ssl.Dispose();
                throw new DicomNetworkException(peer, "TLS handshake failed: " + e.Message, e);
            }
        }

        /// <summary>Wraps an accepted socket: TCP_NODELAY, and the TLS server handshake bounded by <paramref name="handshakeTimeout"/>
        /// (the acceptor's ARTIM; failure closes at once). Blocks the calling thread during the handshake (the receiver's
        /// association thread).</summary>
        public static Stream Accept(Socket socket, string peer, TimeSpan handshakeTimeout, DicomTlsOptions tls, CancellationToken cancellationToken)
        {
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls == null) return stream;
            var ssl = new SslStream(stream, false, (s, c, ch, e) => tls.ValidatePeer(c, ch, e, isServer: true));
            try
            {
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                using (cts.Token.Register(() => ssl.Dispose()))
                {
                    cts.CancelAfter(handshakeTimeout);
                    ssl.AuthenticateAsServer(tls.Certificate, tls.RequireClientCertificate, tls.Protocols, false);
                }
                return ssl;
            }
            catch (Exception e)
            {
                ssl.Dispose();
                throw new DicomNetworkException(peer, "TLS handshake failed: " + e.Message, e);
            }
        }
    }
}
