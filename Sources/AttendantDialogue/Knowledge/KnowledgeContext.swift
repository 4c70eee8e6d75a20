/// What the conversation already answered, so a follow-up question ("and how long does
/// that take?") can be understood: the articles given most recently, newest first.
public struct KnowledgeContext: Sendable, Hashable {
    /// Articles answered earlier in the conversation, newest first. Only the first few
    /// are used (the newest at a higher weight).
    public var previous: [KnowledgeArticle]

    public init(previous: [KnowledgeArticle]) {
        self.previous = previous
    }

    /// A context holding one answered article.
    public init(answered article: KnowledgeArticle) {
        self.previous = [article]
    }
}
