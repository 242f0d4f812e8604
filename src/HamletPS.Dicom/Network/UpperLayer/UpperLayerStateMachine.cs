namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The current state of one association's upper-layer protocol machine. <see cref="Fire"/> looks the event up in
    /// <see cref="UpperLayerStateTable"/>, moves to the action's next state and returns the action the caller must perform.
    /// </summary>
    public sealed class UpperLayerStateMachine
    {
        public UpperLayerStateMachine(bool isRequestor) => IsRequestor = isRequestor;

        public UpperLayerState State { get; private set; } = UpperLayerState.Sta1;

        /// <summary>True on the side that sent the A-ASSOCIATE-RQ (decides AR-8's branch).</summary>
        public bool IsRequestor { get; }

        /// <summary>
        /// Applies an event. An undefined pair yields <see cref="UpperLayerAction.Undefined"/> and moves to Sta13 (the caller
        /// aborts). <paramref name="acceptable"/> is AE-6's branch (is the association request acceptable?).
        /// </summary>
        public UpperLayerAction Fire(UpperLayerEvent evt, bool acceptable = true)
        {
            lock (_gate)         // a provider's own release request (a timer) may fire while the reader fires PDU events
            {
                UpperLayerAction action = UpperLayerStateTable.ActionFor(State, evt);
                bool condition = action == UpperLayerAction.AR8 ? IsRequestor : acceptable;
                State = action == UpperLayerAction.Undefined ? UpperLayerState.Sta13 : UpperLayerStateTable.NextState(action, condition);
                return action;
            }
        }

        /// <summary>Fires <paramref name="evt"/> only when the machine is in <paramref name="state"/>; null otherwise.</summary>
        public UpperLayerAction? FireIn(UpperLayerState state, UpperLayerEvent evt)
        {
            lock (_gate) return State == state ? Fire(evt) : (UpperLayerAction?)null;
        }

        private readonly object _gate = new object();

        /// <summary>True when the action ends in an abort (the association is gone).</summary>
        public static bool IsAbort(UpperLayerAction action) =>
            action == UpperLayerAction.Undefined || (action >= UpperLayerAction.AA1 && action <= UpperLayerAction.AA8 && action != UpperLayerAction.AA6);
    }
}
