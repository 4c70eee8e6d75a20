/// What the engine gives a caller from a knowledge article: a short sentence or two to
/// say on the phone, and optionally the long Markdown text for chat and the agent's screen.
public struct KnowledgeAnswer: Sendable, Hashable {
    /// One or two short sentences, said on the phone.
    public var spoken: String
    /// The long answer in Markdown, when there is one.
    public var text: String?

    public init(spoken: String, text: String? = nil) {
        self.spoken = spoken
        self.text = text
    }
}
