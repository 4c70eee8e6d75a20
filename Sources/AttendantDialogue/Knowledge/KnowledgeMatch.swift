/// One article found for a question, with how well it matched.
public struct KnowledgeMatch: Sendable, Hashable {
    /// The article.
    public var article: KnowledgeArticle
    /// Raw retrieval score (BM25 units plus a coverage bonus); only comparable within one search.
    public var score: Double
    /// 0…1, comparable across questions: answer when it is at least
    /// ``KnowledgeBase/defaultThreshold``, otherwise ask a clarifying question.
    public var confidence: Double
    /// True when the previous answers in the ``KnowledgeContext`` were used to understand the question.
    public var usedContext: Bool

    public init(article: KnowledgeArticle, score: Double, confidence: Double, usedContext: Bool = false) {
        self.article = article
        self.score = score
        self.confidence = confidence
        self.usedContext = usedContext
    }
}
