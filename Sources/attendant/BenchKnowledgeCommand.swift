import ArgumentParser
import AttendantDialogue
import Foundation

/// `attendant bench kb`: knowledge retrieval speed on synthetic articles (a seeded
/// vocabulary, titles of 5–10 words, 3–6 alternative questions each), queried with
/// perturbed questions (one word dropped, one replaced, filler added).
struct KnowledgeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kb", abstract: "Knowledge base retrieval speed.")

    @Option(name: .long, help: "Synthetic articles to index.")
    var articles: Int = 10_000

    @Option(name: .long, help: "Queries to time.")
    var queries: Int = 2_000

    @Option(name: .long, help: "Seed of the synthetic vocabulary, articles and queries.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    func run() async throws {
        let result = Self.measure(articles: articles, queries: queries, seed: seed)
        if json {
            let data = try JSONSerialization.data(withJSONObject: result.dictionary, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("KB bench: \(result.articles) synthetic articles (\(result.questions) questions, \(result.vocabulary)-word vocabulary), \(result.queries) queries")
            print("index build: \(format(result.buildMs, 1)) ms")
            print("search: p50 \(format(result.p50, 1)) µs, p99 \(format(result.p99, 1)) µs, mean \(format(result.mean, 1)) µs (wall clock, limit 3)")
            print("search CPU time of the thread: p50 \(format(result.cpuP50, 1)) µs, p99 \(format(result.cpuP99, 1)) µs (not inflated by other processes)")
            print("top-1 = source article: \(format(100 * result.accuracy, 1)) %")
        }
    }

    struct Result {
        var articles = 0, questions = 0, vocabulary = 0, queries = 0
        var buildMs = 0.0, p50 = 0.0, p99 = 0.0, mean = 0.0, accuracy = 0.0, cpuP50 = 0.0, cpuP99 = 0.0
        var dictionary: [String: Any] {
            ["articles": articles, "questions": questions, "vocabulary": vocabulary, "queries": queries,
             "build_ms": buildMs, "p50_us": p50, "p99_us": p99, "mean_us": mean, "top1": accuracy,
             "cpu_p50_us": cpuP50, "cpu_p99_us": cpuP99]
        }
    }

    @inline(never)
    static func measure(articles count: Int, queries: Int, seed: UInt64) -> Result {
        var rng = SplitMix64(seed: seed)
        let corpus = SyntheticCorpus(rng: &rng)
        var articles: [KnowledgeArticle] = []
        articles.reserveCapacity(count)
        for i in 0..<count {
            let title = corpus.sentence(words: Int.random(in: 5...10, using: &rng), rng: &rng)
            let questions = (0..<Int.random(in: 3...6, using: &rng)).map { _ in
                corpus.sentence(words: Int.random(in: 4...10, using: &rng), rng: &rng)
            }
            articles.append(KnowledgeArticle(
                id: "a\(i)", title: title, questions: questions, spoken: "Answer \(i).", text: "Answer \(i).",
                tags: [corpus.contentWord(rng: &rng)]))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let base = KnowledgeBase(articles: articles, synonyms: [])
        let buildMs = (clock.now - start).microseconds / 1000

        var texts: [(String, Int)] = []
        for _ in 0..<queries {
            let a = Int.random(in: 0..<count, using: &rng)
            let source = ([articles[a].title] + articles[a].questions).randomElement(using: &rng)!
            var words = source.split(separator: " ").map(String.init)
            if words.count > 4 { words.remove(at: Int.random(in: 0..<words.count, using: &rng)) }
            words[Int.random(in: 0..<words.count, using: &rng)] = corpus.contentWord(rng: &rng)
            if Bool.random(using: &rng) { words.insert("please", at: 0) }
            texts.append((words.joined(separator: " "), a))
        }
        for (text, _) in texts.prefix(200) { _ = base.search(text) }  // warm up
        var times: [Double] = [], cpu: [Double] = []
        times.reserveCapacity(queries)
        cpu.reserveCapacity(queries)
        var hits = 0
        for (text, a) in texts {
            let c0 = threadCPUMicroseconds()
            let t0 = clock.now
            let matches = base.search(text)
            times.append((clock.now - t0).microseconds)
            cpu.append(threadCPUMicroseconds() - c0)
            if matches.first?.article.id == "a\(a)" { hits += 1 }
        }
        var result = Result()
        result.articles = count
        result.questions = articles.reduce(0) { $0 + $1.questions.count }
        result.vocabulary = corpus.content.count
        result.queries = queries
        result.buildMs = buildMs
        result.p50 = percentile(times, 0.5)
        result.p99 = percentile(times, 0.99)
        result.mean = times.reduce(0, +) / Double(max(times.count, 1))
        result.cpuP50 = percentile(cpu, 0.5)
        result.cpuP99 = percentile(cpu, 0.99)
        result.accuracy = Double(hits) / Double(max(queries, 1))
        return result
    }
}

/// A deterministic pseudo-English corpus: content words drawn from a Zipf law over a
/// syllable-built vocabulary, mixed with the question and function words of real questions.
private struct SyntheticCorpus {
    let content: [String]
    let cumulative: [Double]
    static let function = ["how", "do", "i", "my", "the", "can", "you", "a", "to", "is", "where", "when",
                           "what", "does", "it", "for", "of", "long", "why", "which", "in", "on"]

    init(rng: inout SplitMix64, size: Int = 8_000) {
        let onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "st", "tr", "pl", "sh", "ch"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
        let codas = ["", "n", "r", "s", "t", "l", "nd", "ck"]
        var seen = Set<String>()
        var words: [String] = []
        while words.count < size {
            let syllables = Int.random(in: 1...3, using: &rng)
            var w = ""
            for _ in 0..<syllables {
                w += onsets.randomElement(using: &rng)! + vowels.randomElement(using: &rng)!
            }
            w += codas.randomElement(using: &rng)!
            if w.count >= 3, seen.insert(w).inserted { words.append(w) }
        }
        content = words
        var total = 0.0
        cumulative = (0..<size).map { rank in
            total += 1 / Double(rank + 10)  // Zipf, flattened at the head (stop words are dropped anyway)
            return total
        }
    }

    func contentWord(rng: inout SplitMix64) -> String {
        let x = Double.random(in: 0..<cumulative.last!, using: &rng)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return content[lo]
    }

    /// About 40 % function words, the rest content words.
    func sentence(words: Int, rng: inout SplitMix64) -> String {
        (0..<words).map { i in
            i == 0 && Bool.random(using: &rng) ? ["how", "where", "when", "what", "can"].randomElement(using: &rng)!
                : Double.random(in: 0..<1, using: &rng) < 0.4 ? Self.function.randomElement(using: &rng)!
                : contentWord(rng: &rng)
        }.joined(separator: " ")
    }
}

/// A small seeded random number generator (SplitMix64), so the synthetic corpus is the
/// same on every machine.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// CPU time this thread has used, in µs: unlike the wall clock, not inflated when
/// other processes share the cores.
private func threadCPUMicroseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1_000_000 + Double(ts.tv_nsec) / 1000
}

private extension Duration {
    var microseconds: Double {
        let (s, atto) = components
        return Double(s) * 1_000_000 + Double(atto) / 1_000_000_000_000
    }
}
