using System;
using System.IO;
using HamletPS.Core.Configuration;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// The rules Copy-DicomStudy and `hamlet retrieve` share for turning their parameters into a <see cref="DicomRetrieveRequest"/>:
    /// the level when none is given, and the destination (parameter, else the configuration's incoming folder).
    /// </summary>
    public static class RetrieveSetup
    {
        /// <summary>The level to copy: the one given, else the deepest UID given (instance, series, else study).</summary>
        public static DicomQueryLevel Level(DicomQueryLevel? given, string seriesInstanceUid, string sopInstanceUid) =>
            given ?? (!string.IsNullOrEmpty(sopInstanceUid) ? DicomQueryLevel.Image
                : !string.IsNullOrEmpty(seriesInstanceUid) ? DicomQueryLevel.Series : DicomQueryLevel.Study);

        /// <summary>
        /// The folder the files land in: <paramref name="destination"/> (made full by the face), else DATAPATH.INCOMING of
        /// <paramref name="config"/>; neither: a <see cref="HamletException"/> (DestinationRequired).
        /// </summary>
        public static string Destination(string destination, HamletConfig config)
        {
            if (!string.IsNullOrEmpty(destination)) return Path.GetFullPath(destination);
            string folder = config?.DataPath.Incoming;
            if (string.IsNullOrEmpty(folder))
                throw new HamletException(ErrorIds.DestinationRequired, "No destination: give the folder to copy into, or a site configuration with DATAPATH.INCOMING.", null, "Pass {Destination}, or set DATAPATH.INCOMING in the configuration.");
            return folder;
        }
    }
}
