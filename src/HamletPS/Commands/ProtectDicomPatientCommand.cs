using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Inspection;
using HamletPS.Core.Pipeline;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// De-identifies DICOM files into a new tree: the MRN becomes the trial Study ID from mapping.csv (or a keyed reversible
    /// pseudonym), every other attribute follows the profile (PS3.15 Annex E), UIDs are remapped consistently so RT objects stay
    /// linked, and a residual-identifier check refuses any file that still holds the patient's identifying values.
    /// </summary>
    [Cmdlet(VerbsSecurity.Protect, "DicomPatient", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ProtectionResult))]
    public sealed class ProtectDicomPatientCommand : HamletPathCmdlet
    {
        private readonly List<string> _files = new List<string>();

        // -Path and -LiteralPath (files or folders, searched recursively): HamletPathCmdlet.

        /// <summary>The protected tree (default: "protected" beside the SORTED folder of the configuration).</summary>
        [Parameter(Position = 1)]
        public string Destination { get; set; }

        /// <summary>The lookup table MRN,Study_ID (default: HAMLET.MAPPINGFILE of the configuration).</summary>
        [Parameter]
        public string MappingFile { get; set; }

        /// <summary>A regular expression every Study ID must match.</summary>
        [Parameter]
        public string StudyIdPattern { get; set; }

        /// <summary>Look up by PatientID (Mrn, the default) or by AccessionNumber (a coupling list).</summary>
        [Parameter]
        [ValidateSet("Auto", "Mrn", "AccessionNumber")]
        public string LookupKey { get; set; } = "Auto";

        /// <summary>Pseudonym method for MRNs not in the lookup table: Ff1 (default) or Vigenere.</summary>
        [Parameter]
        [ValidateSet("Ff1", "Vigenere")]
        public string Pseudonym { get; set; } = "Ff1";

        /// <summary>The site secret; default $env:HAMLET_SITE_KEY, $env:HAMLET_FOLDERKEY, then the configuration's key file or key.</summary>
        [Parameter]
        public SecureString Key { get; set; }

        /// <summary>De-identification profile: a built-in name (hamlet-rt, basic) or a YAML file.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string Profile { get; set; }

        /// <summary>Folder for the encrypted re-identification record (default: HAMLET.VAULT); never inside the destination.</summary>
        [Parameter]
        public string VaultPath { get; set; }

        /// <summary>Skip test/QA patients (names or IDs with phy, test, qa, phantom) with a warning.</summary>
        [Parameter]
        public SwitchParameter ExcludeTestPatients { get; set; }

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
            HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            string destination = Setup(() => ProtectionSetup.Destination(Destination == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination), config),
                null, ex => ex is ArgumentException ? "DestinationRequired" : null);
            bool whatIf = !ShouldProcess(destination, "Protect " + _files.Count + " DICOM file(s) into");
            if (whatIf && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) return; // declined at a -Confirm prompt

            char[] key = SecureStringReader.ToChars(Key);
            ProtectorOptions options;
            try
            {
                options = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
                {
                    Config = config,
                    MappingFile = MappingFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(MappingFile),
                    StudyIdPattern = StudyIdPattern,
                    LookupKey = MyInvocation.BoundParameters.ContainsKey(nameof(LookupKey)) ? (LookupKeyKind)Enum.Parse(typeof(LookupKeyKind), LookupKey, true) : (LookupKeyKind?)null,
                    Pseudonym = MyInvocation.BoundParameters.ContainsKey(nameof(Pseudonym)) ? (PseudonymMethod)Enum.Parse(typeof(PseudonymMethod), Pseudonym, true) : (PseudonymMethod?)null,
                    Profile = Profile,
                    Key = key,
                    Destination = destination,
                    VaultPath = VaultPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(VaultPath),
                    ExcludeTestPatients = ExcludeTestPatients,
                    WhatIf = whatIf,
                });
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidProtectionSettings) is HamletException setup)
            {
                Terminate(setup, null); // InvalidMappingFile, InvalidProfile, InvalidConfiguration, … or InvalidProtectionSettings
                return;
            }
            finally
            {
                if (key != null) Array.Clear(key, 0, key.Length);
            }

            using (var protector = new DicomProtector(options))
            {
                var progress = new ProgressWriter(EmitProgress, 2, "Protecting DICOM files");
                var reporter = new CallbackProgress<ProtectionProgress>(p =>
                    progress.Report(p.Completed + " of " + p.Total + " files", 100.0 * p.Completed / Math.Max(1, p.Total)));
                RunOffPipelineThread(ct => Task.Run(() =>
                {
                    foreach (ProtectionResult result in protector.Protect(_files, reporter, ct))
                    {
                        if (result.Status == ProtectionStatus.Failed && result.Failure != null)
                        {
                            EmitError(new ErrorRecord(result.Failure.Exception, result.Failure.Reason, ErrorCategory.InvalidData,
                                result.RelativePath ?? result.Failure.Path));
                        }
                        else if (result.Status == ProtectionStatus.ExcludedTestPatient)
                        {
                            EmitWarning("A test/QA patient was skipped: " + (result.Message ?? "excluded"));
                        }
                        else if (result.Status == ProtectionStatus.DroppedByPixelRule)
                        {
                            EmitWarning(result.Message ?? "dropped by a pixel rule");
                        }
                        Emit(result);
                    }
                }, ct));
                progress.Complete();
                foreach (PatientReport patient in protector.Patients) WriteInformation(new InformationRecord(Core.PrintableText.Escape(patient.Message), CommandName));
            }
        }
    }
}
