using System.Collections.Generic;
using System.Linq;
using HamletPS.Core.Network;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using Xunit;

namespace HamletPS.Core.Tests.Network
{
    public class TrialStorageClassesTests
    {
        [Fact]
        public void Radiotherapy_IsStorageClassesOfTheRegistry_WithTheRtObjectsAndCt()
        {
            Assert.Subset(new HashSet<string>(StorageSopClasses.All), new HashSet<string>(TrialStorageClasses.Radiotherapy));
            Assert.Equal(TrialStorageClasses.Radiotherapy.Count, TrialStorageClasses.Radiotherapy.Distinct().Count());
            foreach (string uid in new[] { DicomUids.CTImageStorage, DicomUids.RTPlanStorage, DicomUids.RTStructureSetStorage, DicomUids.RTDoseStorage, DicomUids.RTImageStorage })
                Assert.Contains(uid, TrialStorageClasses.Radiotherapy);
            // C-GET offers two presentation contexts per class within one association's 128.
            Assert.InRange(TrialStorageClasses.Radiotherapy.Count * 2, 2, 126);
        }
    }
}
