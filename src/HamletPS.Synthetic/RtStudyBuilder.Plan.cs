using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    public sealed partial class RtStudyBuilder
    {
        /// <summary>Prescribed dose to the PTV (Gy) and fractions of the generated plan.</summary>
        public const double PrescriptionDose = 60;
        public const int Fractions = 30;

        private static readonly (string Name, double Gantry, double Meterset)[] Beams =
        {
            ("ANT", 0, 72.5), ("LAO", 50, 81.25), ("LPO", 130, 88.0),
        };

        /// <summary>RT Plan: three static 6 MV photon beams on the PTV centre, linked to the structure set and the dose.</summary>
        private DicomDataset Plan()
        {
            var ds = NewDataset(DicomUids.RTPlanStorage, _uids.Plan, "RTPLAN", _uids.PlanSeries, 3, _text.PlanSeriesDescription);
            FrameOfReference(ds, _uids.FrameOfReference);
            ds.AddOrUpdate(DicomTags.InstanceNumber, 1);
            // RT General Plan
            ds.AddOrUpdate(DicomTags.RTPlanLabel, _text.RtPlanLabel ?? "PLAN");
            if (_text.RtPlanName != null) ds.AddOrUpdate(DicomTags.RTPlanName, _text.RtPlanName);
            if (_text.RtPlanDescription != null) ds.AddOrUpdate(DicomTags.RTPlanDescription, _text.RtPlanDescription);
            ds.AddOrUpdate(DicomTags.RTPlanDate, _planDate);
            ds.AddOrUpdate(DicomTags.RTPlanTime, "110000");
            ds.AddOrUpdate(DicomTags.PlanIntent, "CURATIVE");
            ds.AddOrUpdate(DicomTags.RTPlanGeometry, "PATIENT");
            ds.AddOrUpdateSequence(DicomTags.ReferencedStructureSetSequence, Reference(DicomUids.RTStructureSetStorage, _uids.StructureSet));

            var a = _ct.Anatomy;
            double[] iso = { System.Math.Round(a.TumourX, 2), System.Math.Round(a.TumourY, 2), System.Math.Round(a.TumourZ, 2) };

            // RT Prescription
            var doseRef = new DicomDataset();
            doseRef.AddOrUpdate(DicomTags.DoseReferenceNumber, 1);
            doseRef.AddOrUpdate(DicomTags.DoseReferenceUID, _uids.DoseReference);
            doseRef.AddOrUpdate(DicomTags.DoseReferenceStructureType, "VOLUME");
            doseRef.AddOrUpdate(DicomTags.DoseReferenceDescription, "PTV");
            doseRef.AddOrUpdate(DicomTags.ReferencedROINumber, 2);
            doseRef.AddOrUpdate(DicomTags.DoseReferenceType, "TARGET");
            SetDs(doseRef, DicomTags.TargetPrescriptionDose, PrescriptionDose);
            ds.AddOrUpdateSequence(DicomTags.DoseReferenceSequence, doseRef);

            // RT Tolerance Tables
            var tol = new DicomDataset();
            tol.AddOrUpdate(DicomTags.ToleranceTableNumber, 1);
            tol.AddOrUpdate(DicomTags.ToleranceTableLabel, "T1");
            SetDs(tol, DicomTags.GantryAngleTolerance, 1);
            SetDs(tol, DicomTags.BeamLimitingDeviceAngleTolerance, 1);
            SetDs(tol, DicomTags.PatientSupportAngleTolerance, 1);
            SetDs(tol, DicomTags.TableTopVerticalPositionTolerance, 10);
            SetDs(tol, DicomTags.TableTopLongitudinalPositionTolerance, 10);
            SetDs(tol, DicomTags.TableTopLateralPositionTolerance, 10);
            ds.AddOrUpdateSequence(DicomTags.ToleranceTableSequence, tol);

            // RT Patient Setup
            var setup = new DicomDataset();
            setup.AddOrUpdate(DicomTags.PatientSetupNumber, 1);
            setup.AddOrUpdate(DicomTags.PatientPosition, "HFS");
            setup.AddOrUpdate(DicomTags.SetupTechnique, "ISOCENTRIC");
            ds.AddOrUpdateSequence(DicomTags.PatientSetupSequence, setup);

            // RT Fraction Scheme
            var fg = new DicomDataset();
            fg.AddOrUpdate(DicomTags.FractionGroupNumber, 1);
            fg.AddOrUpdate(DicomTags.NumberOfFractionsPlanned, Fractions);
            fg.AddOrUpdate(DicomTags.NumberOfBeams, Beams.Length);
            fg.AddOrUpdate(DicomTags.NumberOfBrachyApplicationSetups, 0);
            var refBeams = new List<DicomDataset>();
            for (int b = 0; b < Beams.Length; b++)
            {
                var rb = new DicomDataset();
                rb.AddOrUpdate(DicomTags.ReferencedBeamNumber, b + 1);
                SetDs(rb, DicomTags.BeamDoseSpecificationPoint, iso);
                SetDs(rb, DicomTags.BeamDose, System.Math.Round(PrescriptionDose / Fractions / Beams.Length, 4));
                SetDs(rb, DicomTags.BeamMeterset, Beams[b].Meterset);
                refBeams.Add(rb);
            }
            fg.AddOrUpdateSequence(DicomTags.ReferencedBeamSequence, refBeams.ToArray());
            if (_options.IncludeDose) fg.AddOrUpdateSequence(DicomTags.ReferencedDoseSequence, Reference(DicomUids.RTDoseStorage, _uids.Dose));
            ds.AddOrUpdateSequence(DicomTags.FractionGroupSequence, fg);

            // RT Beams
            var beams = new List<DicomDataset>();
            for (int b = 0; b < Beams.Length; b++) beams.Add(Beam(b, iso));
            ds.AddOrUpdateSequence(DicomTags.BeamSequence, beams.ToArray());

            Approval(ds, _text.ReviewerName, _planDate);
            return Finish(ds, RtObjectKind.Plan);
        }

        private DicomDataset Beam(int b, double[] iso)
        {
            var beam = new DicomDataset();
            beam.AddOrUpdate(DicomTags.BeamNumber, b + 1);
            beam.AddOrUpdate(DicomTags.BeamName, Beams[b].Name);
            beam.AddOrUpdate(DicomTags.BeamType, "STATIC");
            beam.AddOrUpdate(DicomTags.RadiationType, "PHOTON");
            beam.AddOrUpdate(DicomTags.TreatmentMachineName, _text.TreatmentMachineName ?? "LINAC");
            beam.AddOrUpdate(DicomTags.PrimaryDosimeterUnit, "MU");
            SetDs(beam, DicomTags.SourceAxisDistance, 1000);
            beam.AddOrUpdateSequence(DicomTags.BeamLimitingDeviceSequence, Device("ASYMX", null), Device("ASYMY", null));
            beam.AddOrUpdate(DicomTags.ReferencedPatientSetupNumber, 1);
            beam.AddOrUpdate(DicomTags.ReferencedToleranceTableNumber, 1);
            beam.AddOrUpdate(DicomTags.TreatmentDeliveryType, "TREATMENT");
            beam.AddOrUpdate(DicomTags.NumberOfWedges, 0);
            beam.AddOrUpdate(DicomTags.NumberOfCompensators, 0);
            beam.AddOrUpdate(DicomTags.NumberOfBoli, 0);
            beam.AddOrUpdate(DicomTags.NumberOfBlocks, 0);
            SetDs(beam, DicomTags.FinalCumulativeMetersetWeight, 1);
            beam.AddOrUpdate(DicomTags.NumberOfControlPoints, 2);

            var cp0 = new DicomDataset();
            cp0.AddOrUpdate(DicomTags.ControlPointIndex, 0);
            SetDs(cp0, DicomTags.NominalBeamEnergy, 6);
            SetDs(cp0, DicomTags.DoseRateSet, 600);
            double half = _ct.Anatomy.TumourRadius + 7;
            cp0.AddOrUpdateSequence(DicomTags.BeamLimitingDevicePositionSequence,
                Device("ASYMX", new[] { -half, half }), Device("ASYMY", new[] { -System.Math.Min(half, _ct.Anatomy.TumourHalfLength + 7), System.Math.Min(half, _ct.Anatomy.TumourHalfLength + 7) }));
            SetDs(cp0, DicomTags.GantryAngle, Beams[b].Gantry);
            cp0.AddOrUpdate(DicomTags.GantryRotationDirection, "NONE");
            SetDs(cp0, DicomTags.BeamLimitingDeviceAngle, 0);
            cp0.AddOrUpdate(DicomTags.BeamLimitingDeviceRotationDirection, "NONE");
            SetDs(cp0, DicomTags.PatientSupportAngle, 0);
            cp0.AddOrUpdate(DicomTags.PatientSupportRotationDirection, "NONE");
            SetDs(cp0, DicomTags.TableTopEccentricAngle, 0);
            cp0.AddOrUpdate(DicomTags.TableTopEccentricRotationDirection, "NONE");
            SetDs(cp0, DicomTags.IsocenterPosition, iso);
            SetDs(cp0, DicomTags.SourceToSurfaceDistance, 1000 - 95 - 10 * b);
            SetDs(cp0, DicomTags.CumulativeMetersetWeight, 0);
            cp0.AddOrUpdateSequence(DicomTags.ReferencedDoseReferenceSequence, DoseReferenceCoefficient(0));

            var cp1 = new DicomDataset();
            cp1.AddOrUpdate(DicomTags.ControlPointIndex, 1);
            SetDs(cp1, DicomTags.CumulativeMetersetWeight, 1);
            cp1.AddOrUpdateSequence(DicomTags.ReferencedDoseReferenceSequence, DoseReferenceCoefficient(1));
            beam.AddOrUpdateSequence(DicomTags.ControlPointSequence, cp0, cp1);
            return beam;
        }

        private static DicomDataset Device(string type, double[] positions)
        {
            var d = new DicomDataset();
            d.AddOrUpdate(DicomTags.RTBeamLimitingDeviceType, type);
            if (positions == null) d.AddOrUpdate(DicomTags.NumberOfLeafJawPairs, 1);
            else SetDs(d, DicomTags.LeafJawPositions, positions);
            return d;
        }

        private static DicomDataset DoseReferenceCoefficient(double coefficient)
        {
            var d = new DicomDataset();
            SetDs(d, DicomTags.CumulativeDoseReferenceCoefficient, coefficient);
            d.AddOrUpdate(DicomTags.ReferencedDoseReferenceNumber, 1);
            return d;
        }
    }
}
