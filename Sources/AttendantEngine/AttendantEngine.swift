/// AttendantEngine: wires a channel (a WAV file, typed text, later a SIP or ALSA line)
/// to the speech layer, the dialogue core and the store.
public enum AttendantEngine {}
