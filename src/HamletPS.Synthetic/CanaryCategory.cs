namespace HamletPS.Synthetic
{
    /// <summary>What kind of identifying information a canary stands for (so a test can tell which options may keep it).</summary>
    public enum CanaryCategory
    {
        /// <summary>Name, ID, other IDs and names, accession numbers, study ID.</summary>
        PatientIdentity,
        /// <summary>Birth date, address, telephone, comments, history.</summary>
        PatientDemographics,
        /// <summary>Institution name, address, department (kept only by Retain Institution Identity).</summary>
        Institution,
        /// <summary>Physicians, operators, reviewers, interpreters.</summary>
        Personnel,
        /// <summary>Station name, device serial number (kept by the Retain Device Identity option).</summary>
        Device,
        /// <summary>Descriptions, labels and names of study, series, structure set, ROIs, plan, images.</summary>
        Descriptor,
        /// <summary>Private creator and private element values.</summary>
        PrivateData,
        /// <summary>Values deep inside nested sequences.</summary>
        NestedSequence,
        /// <summary>Folder names of the input tree.</summary>
        Path,
    }
}
