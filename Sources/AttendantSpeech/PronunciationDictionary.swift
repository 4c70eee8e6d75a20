import Foundation

/// Pronunciations in CMU format: `word PH ON EM ES`, alternates as `word(2) …`.
///
/// Lookups are case-insensitive (the dictionary is kept lower-case, as Debian's
/// cmudict-en-us.dict is).
public struct PronunciationDictionary: Sendable {
    /// Each word's pronunciations, the primary first.
    public private(set) var entries: [String: [[String]]] = [:]

    public init() {}

    /// Reads a CMU-format file; a malformed line is an error naming the file and line.
    public init(contentsOfFile path: String) throws(SpeechError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SpeechError(.pronunciation, "\(path): cannot read: \(error.localizedDescription)")
        }
        try merge(text: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Adds (or, for words already present, replaces) the entries of a CMU-format text.
    public mutating func merge(text: String, source: String) throws(SpeechError) {
        var replaced = Set<String>()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty || fields[0].hasPrefix("#") || fields[0].hasPrefix(";;;") { continue }
            guard fields.count >= 2 else {
                throw SpeechError(.pronunciation, "\(source):\(lineNumber): expected `word PHONE PHONE …`, found `\(line)`")
            }
            var word = fields[0].lowercased()
            if let paren = word.firstIndex(of: "("), word.hasSuffix(")") { word = String(word[..<paren]) }
            let phones = fields.dropFirst().map { $0.uppercased() }
            if let bad = phones.first(where: { !CMUPhones.all.contains($0) }) {
                throw SpeechError(.pronunciation, "\(source):\(lineNumber): unknown phone `\(bad)` for `\(word)`; expected one of the 39 CMU phones (AA … ZH)")
            }
            if !replaced.contains(word) {
                replaced.insert(word)
                entries[word] = []
            }
            if !(entries[word]?.contains(phones) ?? false) { entries[word, default: []].append(phones) }
        }
    }

    /// The word's pronunciations, primary first; nil when unknown.
    public func pronunciations(of word: String) -> [[String]]? { entries[word.lowercased()] }

    /// Sets a word's pronunciations.
    public mutating func set(_ word: String, _ pronunciations: [[String]]) { entries[word.lowercased()] = pronunciations }

    /// The entries for `words` in CMU format, ready for pocketsphinx's `-dict`.
    public func cmuText(for words: some Sequence<String>) -> String {
        var out = ""
        for word in words {
            guard let prons = entries[word] else { continue }
            for (i, phones) in prons.enumerated() {
                out += (i == 0 ? word : "\(word)(\(i + 1))") + " " + phones.joined(separator: " ") + "\n"
            }
        }
        return out
    }
}

/// The phone set of the CMU dictionary and of pocketsphinx's en-us model.
public enum CMUPhones {
    public static let all: Set<String> = [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY",
        "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ]
}
