/// One turn of the caller, as any channel delivers it.
public enum CallerInput: Sendable, Hashable {
    /// What the recognizer heard, with its confidence (0…1) when known and its other
    /// readings (the N-best list, best first), tried when the first is not understood.
    case speech(String, confidence: Double?, alternatives: [String] = [])
    /// Typed text (chat, `attendant chat`, scenario files).
    case text(String)
    /// Keys pressed (one or more of 0-9, *, #).
    case dtmf(String)
    /// The caller said nothing before the no-input timer ran out (or the audio was silent).
    case noInput

    /// The words, for speech and text.
    public var utterance: String? {
        switch self {
        case .speech(let text, _, _), .text(let text): text
        default: nil
        }
    }
}
