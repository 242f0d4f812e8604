using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// Turns a <see cref="SortRequest"/> and the site configuration (or null) into <see cref="DicomSortOptions"/>, the one place
    /// where a parameter beats the configuration and the configuration beats the default. Invoke-DicomSort and `hamlet sort`
    /// both call it; they only map their parameters to the request.
    /// </summary>
    public static class SortSetup
    {
        /// <summary>
        /// Destination: the request, else DATAPATH.SORTED (else <see cref="ArgumentException"/>, ConfigurationMissing); quarantine:
        /// the request, else HAMLET.QUARANTINE, else "quarantine" beside the sorted tree; template: the request, else
        /// HAMLET.SORTTEMPLATE, else the built-in layout; settle time: the request, else 5 seconds.
        /// </summary>
        public static DicomSortOptions CreateOptions(SortRequest request, HamletConfig config)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            string destination = Path.GetFullPath(WorkflowConfiguration.Require(request.Destination, config?.DataPath.Sorted, "Destination", "DATAPATH.SORTED"));
            return new DicomSortOptions
            {
                Destination = destination,
                QuarantineFolder = Path.GetFullPath(WorkflowConfiguration.QuarantineFolder(request.QuarantinePath, config, destination)),
                Template = WorkflowConfiguration.Choose(request.Template, config?.Hamlet.SortTemplate, null),
                Copy = request.Copy,
                SettleTime = TimeSpan.FromSeconds(request.SettleSeconds ?? DicomSortOptions.DefaultSettleSeconds),
            };
        }

        /// <summary>What to sort when no path is given: DATAPATH.INCOMING, else <see cref="ArgumentException"/> (ConfigurationMissing).</summary>
        public static string DefaultInput(HamletConfig config) =>
            WorkflowConfiguration.Require(null, config?.DataPath.Incoming, "Path", "DATAPATH.INCOMING");
    }
}
