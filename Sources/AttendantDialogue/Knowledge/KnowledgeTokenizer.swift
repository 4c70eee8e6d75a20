/// English tokenization for knowledge retrieval: lower-case words with apostrophes and
/// hyphens joined ("don't" → "dont", "e-mail" → "email"), negations folded to `not`,
/// stop words dropped (but the question words that carry meaning kept: how, long,
/// where, when, why, what, which, who, much, many), then a light suffix stemmer.
///
/// The stemmer only has to map the forms of one word to one key; the keys need not be
/// words ("arrive", "arrived", "arriving" → "arriv").
struct KnowledgeTokenizer: Sendable {
    /// Words that make a short question a follow-up to the previous answer.
    static let anaphors: Set<String> = ["that", "it", "this", "those", "these", "them"]

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by",
        "for", "with", "from", "into", "about", "as", "is", "are", "was", "were", "be", "been", "being",
        "am", "do", "does", "did", "doing", "have", "has", "had", "having", "i", "me", "my", "mine",
        "myself", "you", "your", "yours", "we", "us", "our", "ours", "he", "him", "his", "she", "her",
        "they", "them", "their", "it", "its", "that", "this", "these", "those", "there", "here",
        "can", "could", "would", "should", "will", "shall", "may", "might", "must", "please", "hi",
        "hello", "hey", "thanks", "thank", "okay", "ok", "well", "um", "uh", "umm", "erm", "just",
        "like", "want", "wanna", "need", "know", "tell", "wondering", "wonder", "also", "any", "some",
        "really", "actually", "get", "got", "getting", "im", "ive", "id", "ill", "youre", "youve",
        "thats", "theres", "one", "again", "now", "very",
        "too", "yes", "sorry", "still", "able", "way", "going", "gonna", "let", "lets", "make", "sure",
    ]

    /// Contractions that carry a negation.
    static let negations: Set<String> = [
        "not", "no", "never", "dont", "doesnt", "didnt", "cant", "cannot", "wont", "isnt", "arent",
        "wasnt", "werent", "havent", "hasnt", "hadnt", "couldnt", "wouldnt", "shouldnt",
    ]

    /// Question words fused with "is" ("where's" → "wheres").
    static let contractions: [String: String] = [
        "wheres": "where", "whens": "when", "hows": "how", "whats": "what", "whos": "who", "whys": "why",
    ]

    /// Irregular and derived forms the suffix rules do not reach.
    static let irregular: [String: String] = [
        "delivery": "deliver", "deliveries": "deliver", "shipment": "ship", "shipments": "ship",
        "payment": "pay", "payments": "pay", "paid": "pay", "bought": "buy", "sent": "send",
        "took": "take", "taken": "take", "gone": "go", "went": "go", "lost": "lose", "forgot": "forget",
        "forgotten": "forget", "cancellation": "cancel", "cancelled": "cancel", "canceled": "cancel",
        "cancelling": "cancel", "canceling": "cancel", "installation": "install", "reimbursement": "reimburse",
        "came": "come", "made": "make", "gave": "give", "given": "give", "spoke": "speak", "spoken": "speak",
        "money": "money", "address": "address", "business": "business", "days": "day", "news": "news",
        "series": "series", "status": "status", "always": "always", "says": "say", "said": "say",
        "children": "child", "men": "man", "women": "woman", "people": "person",
    ]

    /// Built-in synonym groups (words, stemmed when the tokenizer is made): a query word
    /// also matches the others of its group, at a lower weight.
    static let defaultSynonyms: [[String]] = [
        ["refund", "reimburse", "repay"],
        ["deliver", "ship", "shipping", "dispatch", "postage"],
        ["password", "passcode"],
        ["login", "signin", "log", "sign"],
        ["reset", "recover", "forget"],
        ["install", "download", "setup"],
        ["app", "application"],
        ["cost", "price", "fee", "charge"],
        ["order", "purchase", "buy"],
        ["account", "profile"],
        ["phone", "mobile", "cellphone", "smartphone"],
        ["email", "mail"],
        ["store", "shop"],
        ["item", "product"],
        ["package", "parcel"],
        ["broken", "damaged", "defective", "faulty"],
        ["change", "update", "modify", "edit"],
        ["speak", "talk"],
        ["agent", "human", "person", "representative", "operator"],
        ["cancel", "stop"],
        ["quick", "fast", "soon"],
    ]

    /// Stem → the other stems of its synonym groups.
    let synonyms: [String: [String]]

    /// - Parameter synonyms: groups of words meaning the same; `nil` for the built-in
    ///   store-domain groups, `[]` for none.
    init(synonyms: [[String]]? = nil) {
        var map: [String: [String]] = [:]
        for group in synonyms ?? Self.defaultSynonyms {
            let stems = group.map { Self.stem($0.lowercased()) }
            for (i, s) in stems.enumerated() {
                for (j, other) in stems.enumerated() where i != j && other != s && !(map[s]?.contains(other) ?? false) {
                    map[s, default: []].append(other)
                }
            }
        }
        self.synonyms = map
    }

    /// The raw lower-case words of `text`: letters and digits, apostrophes and hyphens
    /// inside a word joined, everything else a boundary.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { result.append(String(current)); current = String.UnicodeScalarView() }
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z": current.append(Unicode.Scalar(scalar.value + 32)!)
            case "a"..."z", "0"..."9": current.append(scalar)
            case "'", "\u{2019}", "\u{2018}", "-", "\u{2010}", "\u{2011}": continue  // joined
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
                } else {
                    flush()
                }
            }
        }
        flush()
        return result
    }

    /// The index terms of `text`: words without stop words, negations as `not`, stemmed.
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        for raw in words(text) {
            let word = contractions[raw] ?? raw
            if negations.contains(word) { result.append("not"); continue }
            if stopWords.contains(word) { continue }
            result.append(stem(word))
        }
        return result
    }

    /// True when `text` contains a word pointing back to something said before.
    static func isAnaphoric(_ text: String) -> Bool {
        words(text).contains { anaphors.contains($0) }
    }

    /// A light English suffix stemmer: plurals and third persons, -ed, -ing, -ly, a final
    /// -e, and doubled final consonants left by those ("shipped" → "ship").
    static func stem(_ word: String) -> String {
        if let known = irregular[word] { return known }
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func ends(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard w.count > n else { return false }
            let p = s.utf8Start
            for i in 0..<n where w[w.count - n + i] != p[i] { return false }
            return true
        }
        func hasVowel(_ count: Int) -> Bool {
            w[0..<count].contains { $0 == 0x61 || $0 == 0x65 || $0 == 0x69 || $0 == 0x6F || $0 == 0x75 || $0 == 0x79 }
        }
        // plurals / third person
        if ends("sses") { w.removeLast(2) }
        else if ends("ies") && w.count > 4 { w.removeLast(3); w.append(0x79) }  // y
        else if ends("s") && !ends("ss") && !ends("us") && !ends("is") { w.removeLast() }
        // -ed / -ing / -ly
        var stripped = false
        if ends("ied") && w.count > 4 { w.removeLast(3); w.append(0x79) }
        else if ends("eed") { }
        else if ends("ed") && w.count - 2 >= 2 && hasVowel(w.count - 2) { w.removeLast(2); stripped = true }
        else if ends("ing") && w.count - 3 >= 2 && hasVowel(w.count - 3) { w.removeLast(3); stripped = true }
        else if ends("ly") && w.count - 2 >= 4 { w.removeLast(2) }
        if stripped, w.count >= 3, w[w.count - 1] == w[w.count - 2],
           ![UInt8(0x6C), 0x73, 0x7A].contains(w[w.count - 1]) {  // not l, s, z
            w.removeLast()
        }
        // a final e is dropped so "take", "takes", "taking" meet
        if w.count >= 3, w[w.count - 1] == 0x65 { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }
}
