using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Inspection;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Re-identification, at the site only, with the site's secrets: with the encrypted record Protect-DicomPatient kept, restores
    /// the original datasets element for element; without it, restores the patient identity only (reverse lookup of the Study ID
    /// in mapping.csv, or reversal of the FF1/Vigenère pseudonym) and says so.
    /// </summary>
    [Cmdlet(VerbsSecurity.Unprotect, "DicomPatient", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(UnprotectionResult))]
    public sealed class UnprotectDicomPatientCommand : HamletPathCmdlet
    {
        private readonly List<string> _files = new List<string>();

        // -Path and -LiteralPath (protected files or folders, searched recursively): HamletPathCmdlet.

        /// <summary>Where the restored files are written.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>
        /// The re-identification record: the folder Protect-DicomPatient wrote into (every .hpv in it, the right record found
        /// for each SOP instance) or one .hpv file; without it only the identity is restored.
        /// </summary>
        [Parameter]
        public string VaultPath { get; set; }

        /// <summary>The lookup table MRN,Study_ID for the reverse lookup.</summary>
        [Parameter]
        public string MappingFile { get; set; }

        /// <summary>Pseudonym method used at protection: Ff1 (default) or Vigenere.</summary>
        [Parameter]
        [ValidateSet("Ff1", "Vigenere")]
        public string Pseudonym { get; set; } = "Ff1";

        /// <summary>The site secret; default $env:HAMLET_SITE_KEY, $env:HAMLET_FOLDERKEY, then the configuration.</summary>
        [Parameter]
        public SecureString Key { get; set; }

        /// <summary>The site configuration file.</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord()
        {
            _files.AddRange(EnumerateInputFiles(recurse: true, filter: null));
        }

        protected override void EndProcessing()
        {
            if (_files.Count == 0) return;
            string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
            bool whatIf = !ShouldProcess(destination, "Restore " + _files.Count + " DICOM file(s) into");
            if (whatIf && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) return;
            HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            char[] key = SecureStringReader.ToChars(Key);
            DicomUnprotector unprotector = null;
            try
            {
                UnprotectorOptions options = ProtectionSetup.CreateUnprotectorOptions(new ProtectionRequest
                {
                    Config = config,
                    MappingFile = MappingFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(MappingFile),
                    Pseudonym = MyInvocation.BoundParameters.ContainsKey(nameof(Pseudonym)) ? (PseudonymMethod)Enum.Parse(typeof(PseudonymMethod), Pseudonym, true) : (PseudonymMethod?)null,
                    Key = key,
                    Destination = destination,
                    VaultPath = VaultPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(VaultPath),
                    WhatIf = whatIf,
                });
                unprotector = new DicomUnprotector(options);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidReidentificationSettings) is HamletException setup)
            {
                // A wrong key (VaultKeyMismatch), a damaged record, an invalid mapping file or no key at all: nothing is written.
                Terminate(setup, VaultPath);
            }
            finally
            {
                if (key != null) Array.Clear(key, 0, key.Length);
            }

            using (unprotector)
            {
                var progress = new ProgressWriter(EmitProgress, 3, "Restoring DICOM files");
                var reporter = new CallbackProgress<ProtectionProgress>(p =>
                    progress.Report(p.Completed + " of " + p.Total + " files", 100.0 * p.Completed / Math.Max(1, p.Total)));
                RunOffPipelineThread(ct => Task.Run(() =>
                {
                    foreach (UnprotectionResult result in unprotector.Unprotect(_files, reporter, ct))
                    {
                        if (result.Failure != null)
                        {
                            EmitError(new ErrorRecord(result.Failure.Exception, result.Failure.Reason, ErrorCategory.InvalidData, result.SourcePath));
                        }
                        else if (result.Status == UnprotectionStatus.IdentityOnly)
                        {
                            EmitWarning("No re-identification record for " + System.IO.Path.GetFileName(result.SourcePath) + ": only the patient identity was restored.");
                        }
                        Emit(result);
                    }
                }, ct));
                progress.Complete();
            }
        }
    }
}
