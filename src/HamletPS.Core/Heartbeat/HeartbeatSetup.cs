#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Network;
using HamletPS.Core.Upload;

namespace HamletPS.Core.Heartbeat
{
    /// <summary>
    /// Turns a <see cref="HeartbeatRequest"/> and the site configuration into <see cref="HeartbeatOptions"/> for both faces. The
    /// configuration is required: the heartbeat checks what it names. A check not asked for by name runs when its section is
    /// configured (PACS: HOST and AET; the share: the AZURE section or a storage credential in the environment) and is skipped
    /// otherwise; a check asked for by name whose section is missing is a set-up error (ConfigurationMissing). The receiver and
    /// its incoming folder are always checked (DICOMNODE has defaults; DATAPATH.INCOMING is required).
    /// </summary>
    public static class HeartbeatSetup
    {
        public const int DefaultTimeoutSeconds = 10;

        public static HeartbeatOptions CreateOptions(HeartbeatRequest request, HamletConfig config)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (config == null) throw new ArgumentNullException(nameof(config));
            int timeout = request.TimeoutSeconds ?? DefaultTimeoutSeconds;
            if (timeout < 1 || timeout > 600)
                throw new HamletException(ErrorIds.InvalidArgument, "The time allowed per check must be 1 to 600 seconds (" + timeout + " given).");
            HashSet<string> asked = Asked(request.Checks);
            bool Wanted(string check) => asked.Count == 0 || asked.Contains(check);
            var options = new HeartbeatOptions { Timeout = TimeSpan.FromSeconds(timeout) };

            if (Wanted(HeartbeatCheckNames.Pacs))
            {
                if (config.Pacs.IsConfigured) options.Pacs = PacsPeer(config, timeout);
                else if (asked.Count > 0) throw Missing("PACS", "HOST and AET");
                else options.Skipped[HeartbeatCheckNames.Pacs] = "no PACS section (HOST, AET) in " + Where(config);
            }
            if (Wanted(HeartbeatCheckNames.Receiver)) options.Receiver = ReceiverPeer(config.DicomNode, timeout);
            if (Wanted(HeartbeatCheckNames.Incoming))
            {
                if (string.IsNullOrEmpty(config.DataPath.Incoming)) throw Missing("DATAPATH", "INCOMING");
                options.Incoming = config.DataPath.Incoming;
            }
            if (Wanted(HeartbeatCheckNames.Share))
            {
                Func<string, string> env = request.Environment ?? System.Environment.GetEnvironmentVariable;
                if (config.Azure.IsConfigured || HasStorageCredentialInEnvironment(env) || asked.Count > 0)
                {
                    // The upload's own resolution (AZURE section, HAMLET_STORAGE_* variables): its set-up errors stop the heartbeat.
                    options.Share = ShareConnectionResolver.Resolve(new ShareConnectionRequest
                    {
                        ConfigPath = config.SourcePath,
                        CurrentDirectory = request.CurrentDirectory ?? config.BaseDirectory,
                        Environment = env,
                    });
                }
                else options.Skipped[HeartbeatCheckNames.Share] = "no AZURE section in " + Where(config) + " and no storage credential in the environment";
            }
            Validate(options.Pacs, "PACS");          // an AE title or port that cannot be used: a set-up error, before any check runs
            Validate(options.Receiver, "DICOMNODE");
            return options;
        }

        /// <summary>
        /// The PACS of the PACS section as the pull reaches it (<see cref="Retrieve.PacsPull.Peer"/>: called as DICOMNODE.AET, over
        /// TLS with the section's keys when TLS is on), with the heartbeat's time allowed.
        /// </summary>
        private static DicomPeer PacsPeer(HamletConfig config, int timeout)
        {
            DicomPeer peer = Retrieve.PacsPull.Peer(config);
            peer.TimeoutSeconds = timeout;
            return peer;
        }

        /// <summary>
        /// Our receiver as a peer: its listen address, or loopback when it listens on every address; called as DICOMNODE.AET, or
        /// as the first of ALLOWEDCALLINGAETITLES when the receiver admits only those.
        /// </summary>
        private static DicomPeer ReceiverPeer(DicomNodeSettings node, int timeout)
        {
            string host = string.IsNullOrWhiteSpace(node.ListenAddress) || node.ListenAddress!.Trim() == "0.0.0.0" ? "127.0.0.1"
                : node.ListenAddress.Trim() == "::" ? "::1" : node.ListenAddress.Trim();
            string calling = node.AeTitle;
            if (node.AllowedCallingAeTitles.Count > 0 && !node.AllowedCallingAeTitles.Contains(calling, StringComparer.Ordinal))
                calling = node.AllowedCallingAeTitles[0];
            return new DicomPeer { ComputerName = host, Port = node.Port, CalledAETitle = node.AeTitle, CallingAETitle = calling, TimeoutSeconds = timeout };
        }

        private static void Validate(DicomPeer? peer, string section)
        {
            try
            {
                peer?.ToScuOptions();
            }
            catch (ArgumentException ex)
            {
                throw new HamletException(ErrorIds.InvalidDicomNetworkSetting, "The " + section + " section of the site configuration cannot be used: " + ex.Message, ex);
            }
        }

        private static HashSet<string> Asked(IList<string>? checks)
        {
            var asked = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in checks ?? (IList<string>)Array.Empty<string>())
            {
                if (string.IsNullOrWhiteSpace(name)) continue;
                asked.Add(HeartbeatCheckNames.Canonical(name)
                    ?? throw new HamletException(ErrorIds.InvalidArgument, "'" + PrintableText.Escape(name) + "' is not a check: " + string.Join(", ", HeartbeatCheckNames.All) + "."));
            }
            return asked;
        }

        private static bool HasStorageCredentialInEnvironment(Func<string, string> env) =>
            new[] { ShareConnectionResolver.AccessTokenVariable, Secrets.HamletSecrets.StorageConnectionStringVariable, Secrets.HamletSecrets.StorageSasVariable }
                .Any(v => !string.IsNullOrWhiteSpace(env(v)));

        private static HamletException Missing(string section, string keys) =>
            new HamletException(ErrorIds.ConfigurationMissing, "The check needs the " + section + " section (" + keys + ") of the site configuration.", null,
                "Set " + section + " " + keys + " in the configuration, or leave the check out of {Check}.");

        private static string Where(HamletConfig config) => config.SourcePath ?? "the configuration";
    }
}
