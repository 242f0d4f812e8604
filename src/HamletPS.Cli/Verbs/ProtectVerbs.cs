using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Inspection;
using HamletPS.Core.Pipeline;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet protect` and `hamlet unprotect`: Protect-DicomPatient and Unprotect-DicomPatient.</summary>
    public static class ProtectVerbs
    {
        public static Command Protect()
        {
            var path = new Argument<string[]>("path") { Description = "Files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
            var destination = new Option<string>("--destination") { Description = "The protected tree (default: 'protected' beside SORTED)." };
            var mappingFile = new Option<string>("--mapping-file") { Description = "The lookup table MRN,Study_ID." };
            var pattern = new Option<string>("--study-id-pattern") { Description = "A regular expression every Study ID must match." };
            var lookupKey = new Option<LookupKeyKind?>("--lookup-key") { Description = "Auto, Mrn or AccessionNumber." };
            var pseudonym = new Option<PseudonymMethod?>("--pseudonym") { Description = "Ff1 (default) or Vigenere." };
            var key = new Option<string>("--key") { Description = "Name of an environment variable holding the site secret (never the secret itself on a command line)." };
            var profile = new Option<string>("--profile") { Description = "Profile name (hamlet-rt, basic) or YAML file." };
            var vault = new Option<string>("--vault-path") { Description = "Folder for the re-identification record (default HAMLET.VAULT)." };
            var exclude = new Option<bool>("--exclude-test-patients") { Description = "Skip test/QA patients." };
            var config = ConfigVerbs.ConfigPathOption();
            var whatIf = new Option<bool>("--what-if") { Description = "List what would be written; write nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var command = new Command("protect", "De-identify DICOM files into a new tree (Protect-DicomPatient).")
                { path, destination, mappingFile, pattern, lookupKey, pseudonym, key, profile, vault, exclude, config, whatIf, json };
            command.SetAction(p => RunProtect(p.GetValue(path), p.GetValue(config), new ProtectionRequest
            {
                Destination = p.GetValue(destination),
                MappingFile = p.GetValue(mappingFile),
                StudyIdPattern = p.GetValue(pattern),
                LookupKey = p.GetValue(lookupKey),
                Pseudonym = p.GetValue(pseudonym),
                Profile = p.GetValue(profile),
                VaultPath = p.GetValue(vault),
                ExcludeTestPatients = p.GetValue(exclude),
                WhatIf = p.GetValue(whatIf),
            }, p.GetValue(json), CliOutput.Console, p.GetValue(key)));
            return command;
        }

        public static Command Unprotect()
        {
            var path = new Argument<string[]>("path") { Description = "Protected files or folders.", Arity = ArgumentArity.OneOrMore };
            var destination = new Option<string>("--destination") { Description = "Where the restored files go.", Required = true };
            var vault = new Option<string>("--vault-path") { Description = "The re-identification record: the folder Protect wrote into (every .hpv in it) or one .hpv file." };
            var mappingFile = new Option<string>("--mapping-file") { Description = "The lookup table for the reverse lookup." };
            var pseudonym = new Option<PseudonymMethod?>("--pseudonym") { Description = "Ff1 (default) or Vigenere." };
            var key = new Option<string>("--key") { Description = "Name of an environment variable holding the site secret." };
            var config = ConfigVerbs.ConfigPathOption();
            var whatIf = new Option<bool>("--what-if") { Description = "List what would be written; write nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var command = new Command("unprotect", "Restore original data at the site (Unprotect-DicomPatient).")
                { path, destination, vault, mappingFile, pseudonym, key, config, whatIf, json };
            command.SetAction(p => RunUnprotect(p.GetValue(path), p.GetValue(config), new ProtectionRequest
            {
                Destination = p.GetValue(destination),
                VaultPath = p.GetValue(vault),
                MappingFile = p.GetValue(mappingFile),
                Pseudonym = p.GetValue(pseudonym),
                WhatIf = p.GetValue(whatIf),
            }, p.GetValue(json), CliOutput.Console, p.GetValue(key)));
            return command;
        }

        /// <summary>The secret held by the environment variable --key names. The name is never echoed: someone may have typed
        /// the secret itself in its place.</summary>
        internal static char[] KeyFromEnvironment(string variable)
        {
            if (string.IsNullOrEmpty(variable)) return null;
            string value = LooksLikeVariableName(variable) ? Environment.GetEnvironmentVariable(variable) : null;
            if (string.IsNullOrEmpty(value))
                throw new ArgumentException("--key names an environment variable that is not set or is empty (the name is not shown: it may be the secret itself). " +
                    "Give the NAME of a variable holding the site secret, e.g. --key HAMLET_SITE_KEY.");
            return value.ToCharArray();
        }

        private static bool LooksLikeVariableName(string name)
        {
            foreach (char c in name)
                if (!(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
            return true;
        }


        /// <param name="keyVariable">--key: the name of the environment variable holding the site secret (read here, inside the
        /// verb's error handling).</param>
        public static int RunProtect(string[] paths, string configPath, ProtectionRequest request, bool json, CliOutput output, string keyVariable = null)
        {
            try
            {
                if (keyVariable != null) request.Key = KeyFromEnvironment(keyVariable);
                if (!TryLoadConfig(configPath, request, output)) return 2;
                request.Destination = ProtectionSetup.Destination(request.Destination, request.Config);
                ProtectorOptions options = ProtectionSetup.CreateProtectorOptions(request);
                using (var protector = new DicomProtector(options))
                {
                    foreach (ProtectionResult r in protector.Protect(DicomFileEnumerator.Enumerate(paths, true).ToList()))
                    {
                        if (r.Failure != null) output.Failure(r.Failure.Reason, r.Failure.Message);
                        if (json) output.Json(ProtectedFileLine.From(r), CliJsonContext.Relaxed.ProtectedFileLine);
                        else output.Line(r.Status + "  " + (r.StudyId ?? "-") + "  " + (r.RelativePath ?? "-"));
                    }
                    foreach (PatientReport patient in protector.Patients) output.Line(patient.Message);
                }
                return output.ExitCode;
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidProtectionSettings) is HamletException setup)
            {
                return output.Failure(setup); // InvalidMappingFile, InvalidProfile, InvalidConfiguration, … or InvalidProtectionSettings
            }
        }

        /// <summary>The site configuration into the request; a named file that is missing or invalid is reported with the same
        /// ErrorId as the cmdlets' (ConfigNotFound, InvalidConfiguration) and false returned.</summary>
        private static bool TryLoadConfig(string configPath, ProtectionRequest request, CliOutput output)
        {
            try
            {
                request.Config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory());
                return true;
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is HamletConfigException)
            {
                output.Failure(WorkflowConfiguration.ClassifyFailure(ex), ex.Message);
                return false;
            }
        }

        public static int RunUnprotect(string[] paths, string configPath, ProtectionRequest request, bool json, CliOutput output, string keyVariable = null)
        {
            try
            {
                if (keyVariable != null) request.Key = KeyFromEnvironment(keyVariable);
                if (!TryLoadConfig(configPath, request, output)) return 2;
                using (var unprotector = new DicomUnprotector(ProtectionSetup.CreateUnprotectorOptions(request)))
                {
                    foreach (UnprotectionResult r in unprotector.Unprotect(DicomFileEnumerator.Enumerate(paths, true).ToList()))
                    {
                        if (r.Failure != null) output.Failure(r.Failure.Reason, r.Failure.Message);
                        if (json) output.Json(UnprotectedFileLine.From(r), CliJsonContext.Relaxed.UnprotectedFileLine);
                        else output.Line(r.Status + "  " + (r.DestinationPath ?? "-"));
                    }
                }
                return output.ExitCode;
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidReidentificationSettings) is HamletException setup)
            {
                return output.Failure(setup); // VaultKeyMismatch, InvalidVaultFile, InvalidMappingFile, … or InvalidReidentificationSettings
            }
        }
    }
}
