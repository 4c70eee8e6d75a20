import Foundation

/// Per-search working memory of a ``KnowledgeBase``, sized to the index and reused
/// between searches so a search allocates almost nothing. Every slot a search writes is
/// reset before the scratch goes back to the pool (only the touched ones, so the cost
/// follows the postings read, not the index size).
final class KnowledgeSearchScratch: @unchecked Sendable {  // used by one search at a time
    /// Accumulated BM25 score per unit (title, question or tags of an article).
    let unitScore: UnsafeMutablePointer<Float>
    /// Best unit score per article.
    let articleMax: UnsafeMutablePointer<Float>
    /// Matched share of the query's idf mass per article (in idf units).
    let coverage: UnsafeMutablePointer<Float>
    /// 1 + the last query slot that touched the article, 0 when untouched.
    let stamp: UnsafeMutablePointer<Int32>
    /// Best match weight of the current slot in the article.
    let slotBest: UnsafeMutablePointer<Float>
    /// Units and articles touched by the current search (the first `count` entries).
    let touchedUnits: UnsafeMutablePointer<Int32>
    let touchedArticles: UnsafeMutablePointer<Int32>
    let units: Int
    let articles: Int

    init(units: Int, articles: Int) {
        self.units = units
        self.articles = articles
        unitScore = .allocate(capacity: max(units, 1))
        unitScore.initialize(repeating: 0, count: max(units, 1))
        articleMax = .allocate(capacity: max(articles, 1))
        articleMax.initialize(repeating: 0, count: max(articles, 1))
        coverage = .allocate(capacity: max(articles, 1))
        coverage.initialize(repeating: 0, count: max(articles, 1))
        stamp = .allocate(capacity: max(articles, 1))
        stamp.initialize(repeating: 0, count: max(articles, 1))
        slotBest = .allocate(capacity: max(articles, 1))
        slotBest.initialize(repeating: 0, count: max(articles, 1))
        touchedUnits = .allocate(capacity: max(units, 1))
        touchedArticles = .allocate(capacity: max(articles, 1))
    }

    deinit {
        unitScore.deallocate()
        articleMax.deallocate()
        coverage.deallocate()
        stamp.deallocate()
        slotBest.deallocate()
        touchedUnits.deallocate()
        touchedArticles.deallocate()
    }
}

/// A small lock-protected stack of scratches, so concurrent searches each get their own.
final class KnowledgeScratchPool: @unchecked Sendable {  // all state behind `lock`
    private let lock = NSLock()
    private var free: [KnowledgeSearchScratch] = []
    private let units: Int
    private let articles: Int

    init(units: Int, articles: Int) {
        self.units = units
        self.articles = articles
    }

    func withScratch<R>(_ body: (KnowledgeSearchScratch) -> R) -> R {
        lock.lock()
        let scratch = free.popLast()
        lock.unlock()
        let s = scratch ?? KnowledgeSearchScratch(units: units, articles: articles)
        let result = body(s)
        lock.lock()
        if free.count < 8 { free.append(s) }
        lock.unlock()
        return result
    }
}
