using System;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Writes a commented configuration template in the old tool's format (APP, DATAPATH, DICOMNODE, CIPHER, AZURE, plus HAMLET and
    /// UPLOAD), creates the incoming/sorted/outgoing folders and a random folder key file, and returns the loaded configuration.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HamletConfig", SupportsShouldProcess = true)]
    [OutputType(typeof(HamletConfig))]
    public sealed class NewHamletConfigCommand : HamletCmdlet
    {
        /// <summary>Where to write the file (default config.yaml in the current folder).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName")]
        public string ConfigPath { get; set; } = "config.yaml";

        /// <summary>Site name (one word), used in archive names.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Site { get; set; }

        /// <summary>User's initials, used in archive names.</summary>
        [Parameter]
        public string User { get; set; } = string.Empty;

        /// <summary>Folder that holds incoming, sorted and outgoing (default: the config file's folder).</summary>
        [Parameter]
        public string DataFolder { get; set; }

        /// <summary>AE title of the DICOM receiver.</summary>
        [Parameter]
        [ValidateLength(1, 16)]
        public string AETitle { get; set; } = DicomNodeSettings.DefaultAeTitle;

        /// <summary>TCP port of the DICOM receiver.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = DicomNodeSettings.DefaultPort;

        /// <summary>Do not create the data folders.</summary>
        [Parameter]
        public SwitchParameter NoFolders { get; set; }

        /// <summary>Replace an existing configuration file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigPath);
            if (!ShouldProcess(path, "Write configuration template")) return;
            var options = new ConfigTemplateOptions
            {
                Site = Site,
                User = User ?? string.Empty,
                DataFolder = string.IsNullOrEmpty(DataFolder) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DataFolder),
                AeTitle = AETitle,
                Port = Port,
                CreateFolders = !NoFolders,
                Force = Force,
            };
            if (System.IO.File.Exists(path) && !Force)
            {
                WriteError(NewError(new System.IO.IOException("The configuration file " + path + " already exists (use -Force to replace it)."),
                    "ConfigExists", ErrorCategory.ResourceExists, path));
                return;
            }
            try
            {
                string written = HamletConfigTemplate.Write(path, options);
                WriteObject(HamletConfigLoader.Load(written));
            }
            catch (HamletException ex)
            {
                WriteError(NewError(ex, path)); // ConfigExists (written meanwhile)
            }
            catch (System.IO.IOException ex)
            {
                WriteError(NewError(ex, "ConfigWriteFailed", ErrorCategory.WriteError, path));
            }
            catch (UnauthorizedAccessException ex)
            {
                WriteError(NewError(ex, "ConfigAccessDenied", ErrorCategory.PermissionDenied, path));
            }
        }
    }
}
