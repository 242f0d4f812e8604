namespace HamletPS.Dicom.Network
{
    /// <summary>Actions of the DICOM upper-layer protocol machine (PS3.8 Tables 9-6 to 9-9).</summary>
    public enum UpperLayerAction
    {
        /// <summary>No transition is defined for the state/event pair: a protocol error.</summary>
        Undefined = 0,
        /// <summary>Issue TRANSPORT CONNECT request. Next Sta4.</summary>
        AE1,
        /// <summary>Send A-ASSOCIATE-RQ PDU. Next Sta5.</summary>
        AE2,
        /// <summary>Issue A-ASSOCIATE confirmation (accept). Next Sta6.</summary>
        AE3,
        /// <summary>Issue A-ASSOCIATE confirmation (reject) and close transport. Next Sta1.</summary>
        AE4,
        /// <summary>Issue transport connection response, start ARTIM. Next Sta2.</summary>
        AE5,
        /// <summary>Stop ARTIM; if acceptable issue A-ASSOCIATE indication (Sta3), else send A-ASSOCIATE-RJ and start ARTIM (Sta13).</summary>
        AE6,
        /// <summary>Send A-ASSOCIATE-AC PDU. Next Sta6.</summary>
        AE7,
        /// <summary>Send A-ASSOCIATE-RJ PDU and start ARTIM. Next Sta13.</summary>
        AE8,
        /// <summary>Send P-DATA-TF PDU. Next Sta6.</summary>
        DT1,
        /// <summary>Issue P-DATA indication. Next Sta6.</summary>
        DT2,
        /// <summary>Send A-RELEASE-RQ PDU. Next Sta7.</summary>
        AR1,
        /// <summary>Issue A-RELEASE indication. Next Sta8.</summary>
        AR2,
        /// <summary>Issue A-RELEASE confirmation and close transport. Next Sta1.</summary>
        AR3,
        /// <summary>Send A-RELEASE-RP PDU and start ARTIM. Next Sta13.</summary>
        AR4,
        /// <summary>Stop ARTIM. Next Sta1.</summary>
        AR5,
        /// <summary>Issue P-DATA indication. Next Sta7.</summary>
        AR6,
        /// <summary>Send P-DATA-TF PDU. Next Sta8.</summary>
        AR7,
        /// <summary>Issue A-RELEASE indication (release collision): requestor Sta9, acceptor Sta10.</summary>
        AR8,
        /// <summary>Send A-RELEASE-RP PDU. Next Sta11.</summary>
        AR9,
        /// <summary>Issue A-RELEASE confirmation. Next Sta12.</summary>
        AR10,
        /// <summary>Send A-ABORT PDU (service-user source), start or restart ARTIM. Next Sta13.</summary>
        AA1,
        /// <summary>Stop ARTIM if running, close transport. Next Sta1.</summary>
        AA2,
        /// <summary>Issue A-ABORT (or A-P-ABORT) indication and close transport. Next Sta1.</summary>
        AA3,
        /// <summary>Issue A-P-ABORT indication. Next Sta1.</summary>
        AA4,
        /// <summary>Stop ARTIM. Next Sta1.</summary>
        AA5,
        /// <summary>Ignore PDU. Next Sta13.</summary>
        AA6,
        /// <summary>Send A-ABORT PDU. Next Sta13.</summary>
        AA7,
        /// <summary>Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM. Next Sta13.</summary>
        AA8,
    }
}
