using System;
using System.IO;
using HamletPS.Core.Configuration;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// Turns a <see cref="ReceiveRequest"/> and the site configuration (or null) into <see cref="DicomReceiverOptions"/>: the one
    /// place where a parameter beats the configuration and the configuration beats the default. Receive-Dicom and
    /// `hamlet receive` both call it.
    /// </summary>
    public static class ReceiveSetup
    {
        /// <summary>
        /// Folder: the request, else DATAPATH.INCOMING (else a <see cref="HamletException"/>, IncomingFolderRequired); port and AE
        /// title: the request, else DICOMNODE.PORT/AET, else 11112/HAMLETPS; listen address, allowed peers and calling AE titles:
        /// the request, else DICOMNODE.LISTENADDRESS/ALLOWEDPEERADDRESSES/ALLOWEDCALLINGAETITLES (the configuration's access keys
        /// restrict the receiver even when everything else is given), else every address and any peer; the limits and timeouts:
        /// the request, else the receiver's defaults. The dose history: the request, else DICOMNODE.DOSEHISTORY; its database
        /// the request's, else beside the configuration (set-up errors as Import-DicomDoseReport's: no site secret, no database).
        /// </summary>
        public static DicomReceiverOptions CreateOptions(ReceiveRequest request, HamletConfig config)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            string folder = !string.IsNullOrEmpty(request.Folder) ? Path.GetFullPath(request.Folder) : config?.DataPath.Incoming;
            if (string.IsNullOrEmpty(folder))
                throw new HamletException(ErrorIds.IncomingFolderRequired, "No incoming folder: give the folder to receive into, or a site configuration with DATAPATH.INCOMING.", null, "Pass {Path}, or set DATAPATH.INCOMING in the configuration.");
            DicomNodeSettings node = config?.DicomNode ?? new DicomNodeSettings();
            var options = new DicomReceiverOptions
            {
                Folder = folder,
                Port = request.Port ?? node.Port,
                AETitle = request.AETitle ?? node.AeTitle,
                ListenAddress = request.ListenAddress ?? node.ListenAddress,
                AllowedPeerAddresses = request.AllowedPeerAddresses ?? node.AllowedPeerAddresses,
                AllowedCallingAETitles = request.AllowedCallingAETitles ?? node.AllowedCallingAeTitles,
                IdleTimeout = request.IdleTimeout,
                Count = request.Count,
                AcceptAllStorageClasses = request.AcceptAllStorageClasses,
            };
            if (request.MaxAssociations.HasValue) options.MaxAssociations = request.MaxAssociations.Value;
            if (request.MaxAssociationsPerPeer.HasValue) options.MaxAssociationsPerPeer = request.MaxAssociationsPerPeer.Value;
            if (request.MaxConnections.HasValue) options.MaxConnections = request.MaxConnections.Value;
            if (request.AssociationRequestTimeout.HasValue) options.AssociationRequestTimeout = request.AssociationRequestTimeout.Value;
            if (request.EvictIdleAfter.HasValue) options.EvictIdleAfter = request.EvictIdleAfter.Value;
            if (request.DuplicatePolicy.HasValue) options.DuplicatePolicy = request.DuplicatePolicy.Value;
            if (request.Tls != null) options.Tls = request.Tls;
            if (request.DoseHistoryPath != null || (request.DoseHistory ?? node.DoseHistory))
            {
                // The history keys patients as Protect and Import-DicomDoseReport do: the configured site secret and lookup table.
                options.DoseHistory = Dose.DoseHistorySetup.CreateImportOptions(new Dose.DoseHistoryRequest { Config = config, DatabasePath = request.DoseHistoryPath });
            }
            return options;
        }
    }
}
