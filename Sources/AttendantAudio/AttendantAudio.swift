/// AttendantAudio: PCM frames, WAV files, G.711, Opus, resampling, noise
/// suppression/AGC, DTMF tones and the voice-activity endpointer. Pure values in,
/// values out; the C libraries (speexdsp, spandsp, opus) are wrapped one per file.
public enum AttendantAudio {}
