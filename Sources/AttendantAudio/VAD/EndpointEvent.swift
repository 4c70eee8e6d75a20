/// A change in speech activity reported by `Endpointer`.
public enum EndpointEvent: Sendable, Equatable {
    /// Speech began at `atMs` (stream time of its first voiced frame). `preRoll` is
    /// the audio from `preRollMs` before that point through the end of the chunk
    /// just passed in, so a recognizer fed `preRoll` and then the following chunks
    /// hears the whole utterance without gaps or repeats.
    case speechStarted(atMs: Int, preRoll: [Int16])
    /// Speech ended at `atMs` (stream time of the end of its last voiced frame);
    /// reported once `silenceMs` of silence followed, or when the utterance hit
    /// `maxUtteranceMs`, in which case `atMs` is that moment.
    case speechEnded(atMs: Int)
}
