using System;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>Text attributes a sender declares with VR OB (explicit VR allows it for any tag): Patient ID, Patient's Name, a
    /// date, a UID. Protection cannot set text on them: the file fails closed, never with an unhandled ArgumentException.</summary>
    public sealed class ByteVrTextHazard : IPipelineHazard
    {
        public string Name => "text attributes declared with VR OB";

        public void Plant(FuzzSite site, Random random)
        {
            string core = FuzzValues.Core(random);
            site.Canaries.Add(core);
            var tag = FuzzValues.Pick(random, DicomTags.PatientID, DicomTags.PatientName, DicomTags.StudyDate, DicomTags.StudyInstanceUID);
            site.AddDicom("bytevr/" + random.Next() + ".dcm", core, "SYNTHFUZZ^OBVR", ds =>
            {
                var e = ds.GetElement(tag);
                ds.AddOrUpdate(new DicomElement(tag, DicomVR.OB, e.GetBytes()));
            });
        }
    }
}
