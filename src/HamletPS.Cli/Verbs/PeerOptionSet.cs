using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// The remote-node options `hamlet send` and `hamlet echo` share (Send-Dicom/Test-DicomEcho's parameters): port, AE titles,
    /// timeout, --use-tls and the TLS options.
    /// </summary>
    internal sealed class PeerOptionSet
    {
        public PeerOptionSet()
        {
            Port = NetworkOptions.Port(DicomPeer.DefaultPort, "TCP port of the remote AE.");
            Called = NetworkOptions.CalledAETitle();
            Calling = NetworkOptions.CallingAETitle();
            Timeout = NetworkOptions.TimeoutSeconds();
            UseTls = NetworkOptions.UseTls();
            Tls = new TlsOptionSet("Client certificate (PFX, or PEM with --key-path); implies TLS.", "Certificates (or their CAs) to trust for the receiver.");
        }

        public Option<int> Port { get; }

        public Option<string> Called { get; }

        public Option<string> Calling { get; }

        public Option<int> Timeout { get; }

        public Option<bool> UseTls { get; }

        public TlsOptionSet Tls { get; }

        public IEnumerable<Option> All
        {
            get
            {
                yield return Port;
                yield return Called;
                yield return Calling;
                yield return Timeout;
                yield return UseTls;
                foreach (Option o in Tls.All) yield return o;
            }
        }

        public DicomPeer Peer(ParseResult parse, string computerName) => new DicomPeer
        {
            ComputerName = computerName,
            Port = parse.GetValue(Port),
            CalledAETitle = parse.GetValue(Called),
            CallingAETitle = parse.GetValue(Calling),
            TimeoutSeconds = parse.GetValue(Timeout),
            Tls = Tls.Settings(parse, parse.GetValue(UseTls), false),
        };

        /// <summary>
        /// Adds these options to <paramref name="command"/> and sets its action: the peer from the options and the host name the
        /// command takes (<paramref name="computerName"/>) (a bad setting is
        /// reported as InvalidDicomNetworkSetting, exit code 2), then <paramref name="run"/> with a token that Ctrl-C or SIGTERM
        /// cancels.
        /// </summary>
        public void AddTo(Command command, Func<ParseResult, string> computerName, Func<ParseResult, DicomPeer, CancellationToken, int> run)
        {
            foreach (Option option in All) command.Options.Add(option);
            command.SetAction(parse =>
            {
                DicomPeer peer;
                try
                {
                    peer = Peer(parse, computerName(parse));
                }
                catch (ArgumentException ex)
                {
                    CliOutput.Console.Failure("InvalidDicomNetworkSetting", ex.Message);
                    return 2;
                }
                using (var signal = new ShutdownSignal()) return run(parse, peer, signal.Token);
            });
        }
    }
}
