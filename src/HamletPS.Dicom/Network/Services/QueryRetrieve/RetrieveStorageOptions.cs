using System.Collections.Generic;
using HamletPS.Dicom.Storage;

namespace HamletPS.Dicom.Network
{
    /// <summary>Where and how a C-GET stores the instances it receives: as the storage SCP does (same writer, same names).</summary>
    public sealed class RetrieveStorageOptions
    {
        /// <summary>Target folder; files land as <c>&lt;SOPInstanceUID&gt;.dcm</c> after a temporary <c>.*.partial</c>.</summary>
        public string? Folder { get; set; }

        /// <summary>
        /// Storage SOP classes offered for the C-STORE sub-operations: required (two presentation contexts each, and an
        /// association holds at most 128, so "every storage class" cannot be offered).
        /// </summary>
        public IList<string> SopClasses { get; set; } = new List<string>();

        public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Overwrite;

        /// <summary>Flush every file to the device before renaming it and answering success.</summary>
        public bool DurableWrites { get; set; } = true;

        /// <summary>Parse every received data set before accepting it (see <see cref="StorageScpOptions.CheckDataSets"/>).</summary>
        public bool CheckDataSets { get; set; } = true;

        public IStorageFileSystem FileSystem { get; set; } = LocalStorageFileSystem.Instance;
    }
}
