using System.Globalization;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    public sealed partial class RtStudyBuilder
    {
        /// <summary>The SOP Instance UID of planning CT slice <paramref name="index"/> (0-based).</summary>
        public string CtSopInstanceUid(int index) => _uids.CtInstance(index);

        /// <summary>A CT Image Storage object: planning CT slice or, with <paramref name="cbct"/>, a CBCT slice in its own frame.</summary>
        private DicomDataset CtSlice(int index, bool cbct)
        {
            var phantom = cbct ? _cbct : _ct;
            string sop = cbct ? _uids.CbctInstance(index) : _uids.CtInstance(index);
            var ds = NewDataset(DicomUids.CTImageStorage, sop, "CT", cbct ? _uids.CbctSeries : _uids.CtSeries, cbct ? 5 : 1,
                cbct ? _text.CbctSeriesDescription : _text.CtSeriesDescription);
            ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.AddOrUpdate(DicomTags.PatientPosition, "HFS");
            FrameOfReference(ds, cbct ? _uids.CbctFrameOfReference : _uids.FrameOfReference);
            // General Image, General Acquisition
            ds.AddOrUpdate(DicomTags.InstanceNumber, index + 1);
            ds.AddOrUpdate(DicomTags.AcquisitionNumber, 1);
            ds.AddOrUpdate(DicomTags.ContentDate, _studyDate);
            ds.AddOrUpdate(DicomTags.ContentTime, _studyTime);
            ds.AddOrUpdate(DicomTags.AcquisitionDate, _studyDate);
            ds.AddOrUpdate(DicomTags.AcquisitionTime, _studyTime);
            if (_text.ImageComments != null) ds.AddOrUpdate(DicomTags.ImageComments, _text.ImageComments);
            // Image Plane
            SetDs(ds, DicomTags.PixelSpacing, phantom.PixelSpacing, phantom.PixelSpacing);
            SetDs(ds, DicomTags.ImageOrientationPatient, CtPhantom.ImageOrientation);
            SetDs(ds, DicomTags.ImagePositionPatient, phantom.ImagePosition(index));
            SetDs(ds, DicomTags.SliceThickness, phantom.SliceThickness);
            SetDs(ds, DicomTags.SliceLocation, phantom.SliceZ(index));
            // CT Image
            ds.AddOrUpdate(DicomTags.KVP, DicomVR.DS, cbct ? "100" : "120");
            ds.AddOrUpdate(DicomTags.ConvolutionKernel, "STANDARD");
            SetDs(ds, DicomTags.DataCollectionDiameter, phantom.FieldOfView);
            SetDs(ds, DicomTags.ReconstructionDiameter, phantom.FieldOfView);
            ds.AddOrUpdate(DicomTags.RescaleIntercept, DicomVR.DS, Ds(CtPhantom.RescaleIntercept));
            ds.AddOrUpdate(DicomTags.RescaleSlope, DicomVR.DS, Ds(CtPhantom.RescaleSlope));
            ds.AddOrUpdate(DicomTags.RescaleType, "HU");
            ds.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, "40");
            ds.AddOrUpdate(DicomTags.WindowWidth, DicomVR.DS, "400");
            // Image Pixel
            ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
            ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
            ds.AddOrUpdate(DicomTags.Rows, phantom.Rows);
            ds.AddOrUpdate(DicomTags.Columns, phantom.Columns);
            ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
            ds.AddOrUpdate(DicomTags.BitsStored, CtPhantom.BitsStored);
            ds.AddOrUpdate(DicomTags.HighBit, CtPhantom.BitsStored - 1);
            ds.AddOrUpdate(DicomTags.PixelRepresentation, 0);
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, phantom.RenderSlice(index));
            return Finish(ds, cbct ? RtObjectKind.CbctImage : RtObjectKind.CtImage);
        }

        /// <summary>The index of the planning CT slice nearest to z.</summary>
        private int NearestSlice(double z)
        {
            int i = (int)System.Math.Round((z - _ct.SliceZ(0)) / _ct.SliceThickness);
            return i < 0 ? 0 : i >= _ct.SliceCount ? _ct.SliceCount - 1 : i;
        }
    }
}
