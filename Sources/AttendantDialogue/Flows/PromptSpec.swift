/// Something the engine says: synthesized text (optionally SSML) or a recorded WAV file
/// from `prompts/`, with whether the caller may interrupt it.
public struct PromptSpec: Sendable, Hashable {
    /// The words: what is synthesized, shown in chat, and stored as the bot's turn (the
    /// transcript of a recording).
    public var text: Template
    /// SSML to synthesize instead of `text`, when given.
    public var ssml: Template?
    /// A WAV file (relative to `prompts/`) played instead of synthesizing.
    public var audio: String?
    /// Whether caller speech stops this prompt (barge-in). Default true.
    public var bargeIn: Bool
    /// Where the designer wrote it.
    public var location: SourceLocation?

    public init(text: Template, ssml: Template? = nil, audio: String? = nil, bargeIn: Bool = true, location: SourceLocation? = nil) {
        self.text = text
        self.ssml = ssml
        self.audio = audio
        self.bargeIn = bargeIn
        self.location = location
    }

    public init(_ text: String) { self.init(text: Template(text)) }

    var templates: [Template] { [text] + (ssml.map { [$0] } ?? []) }
}
