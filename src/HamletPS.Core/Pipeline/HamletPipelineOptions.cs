using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Sorting;

namespace HamletPS.Core.Pipeline
{
    /// <summary>Settings of <see cref="HamletPipeline"/> (Invoke-HamletPipeline, `hamlet process`); <see cref="FromConfig(Configuration.HamletConfig)"/> fills them from config.yaml.</summary>
    public sealed class HamletPipelineOptions
    {
        public string Incoming { get; set; }
        public string Sorted { get; set; }
        public string Outgoing { get; set; }
        public string Quarantine { get; set; }
        public string Logs { get; set; }

        /// <summary>Staging area of protected trees, one sub-folder per run (removed once archived). Default: "protected" beside SORTED.</summary>
        public string ProtectedRoot { get; set; }

        public string Site { get; set; }
        public string User { get; set; }
        public string SortTemplate { get; set; }
        public string ArchiveNameTemplate { get; set; }
        public bool PerPatient { get; set; }
        public int CompressionLevel { get; set; } = 6;
        public bool Verify { get; set; } = true;
        public string Profile { get; set; } = "hamlet-rt";
        public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(DicomSortOptions.DefaultSettleSeconds);

        /// <summary>Files protected at once (default: processor count).</summary>
        public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

        /// <summary>Makes the protection step of a run: (protected folder of the run, run id) → step. Required.</summary>
        public Func<string, string, IProtectionStep> ProtectionStepFactory { get; set; }

        /// <summary>Checks every input the run will need (mapping file, keys, profile, templates) and throws when one cannot be
        /// used; <see cref="HamletPipeline.Run"/> calls it before anything is moved. Optional.</summary>
        public Action Preflight { get; set; }

        /// <summary>Test seam: removes a protected run folder once its run is recorded complete (best effort).</summary>
        internal Action<string> DeleteRunFolder { get; set; } = folder => Directory.Delete(folder, recursive: true);

        public static HamletPipelineOptions FromConfig(Configuration.HamletConfig config) => FromConfig(config, null);

        /// <summary>
        /// <see cref="FromConfig(Configuration.HamletConfig)"/> with an environment lookup (tests). The preflight prepares the
        /// keyed protection options (the site secret resolved and the keys derived once) and the run's step takes them, so a run
        /// resolves the secret once, however often its preflight is called; a run without a preflight prepares them when its
        /// step is made.
        /// </summary>
        internal static HamletPipelineOptions FromConfig(Configuration.HamletConfig config, Func<string, string> environment)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            string sorted = config.DataPath.Sorted;
            ProtectorOptions prepared = null;
            return new HamletPipelineOptions
            {
                Incoming = config.DataPath.Incoming,
                Sorted = sorted,
                Outgoing = config.DataPath.Outgoing,
                Quarantine = WorkflowConfiguration.QuarantineFolder(null, config, sorted),
                Logs = config.Hamlet.Logs,
                ProtectedRoot = DefaultProtectedRoot(sorted),
                Site = config.App.Site,
                User = config.App.User,
                SortTemplate = config.Hamlet.SortTemplate,
                ArchiveNameTemplate = config.Hamlet.ArchiveName,
                Profile = config.Hamlet.Profile,
                ProtectionStepFactory = (folder, runId) =>
                {
                    ProtectorOptions options = prepared ?? DicomProtectionStep.Prepare(config, environment);
                    prepared = null;
                    return DicomProtectionStep.ForRun(options, config, folder, runId);
                },
                Preflight = () =>
                {
                    // Idempotent until the run's step takes the options: Invoke-HamletPipeline checks before ShouldProcess and
                    // HamletPipeline.Run checks again, and the secret is still resolved once.
                    prepared = prepared ?? DicomProtectionStep.Prepare(config, environment);
                    _ = new SortPathTemplate(config.Hamlet.SortTemplate);
                },
            };
        }

        public static string DefaultProtectedRoot(string sorted) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(sorted).TrimEnd(System.IO.Path.DirectorySeparatorChar)) ?? sorted, "protected");
    }
}
