import Foundation

/// The language model and dictionary built at startup from what callers are expected
/// to say.
///
/// Phrases are normalized (``TextNormalizer``), counted into a trigram model
/// (``NGramModelBuilder``) and written as ARPA. Every word gets a pronunciation: from
/// `acoustic/extra.dict` first (designers' corrections win), then the CMU dictionary,
/// else derived from espeak-ng's phonemes (``EspeakPhonemeMapper``), so brand and product
/// names are recognizable without anyone editing a dictionary.
public struct DomainLanguageModel: Sendable {
    /// Path of the ARPA file.
    public let languageModelPath: String
    /// Path of the dictionary covering the domain vocabulary (and, when
    /// `includeGenericVocabulary` was set, the whole CMU dictionary).
    public let dictionaryPath: String
    /// The domain vocabulary, sorted.
    public let vocabulary: [String]
    /// Words whose pronunciation came from espeak-ng, with the phones chosen.
    public let derivedPronunciations: [String: [String]]
    /// Number of phrases the model was built from.
    public let phraseCount: Int

    /// Reads phrases from a file: one per line; blank lines and `#` comments skipped.
    public static func phrases(fromFile path: String) throws(SpeechError) -> [String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SpeechError(.input, "\(path): cannot read phrase list: \(error.localizedDescription)")
        }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Builds the model into `directory` (created if needed).
    public static func build(phrases: [String], acoustic: AcousticSettings, directory: URL,
                             includeGenericVocabulary: Bool,
                             espeak: EspeakEngine = .shared) async throws(SpeechError) -> DomainLanguageModel {
        var builder = NGramModelBuilder()
        var count = 0
        for phrase in phrases {
            let words = TextNormalizer.words(phrase)
            if !words.isEmpty { builder.add(words); count += 1 }
        }
        guard count > 0 else { throw SpeechError(.languageModel, "the phrase list has no words to build a language model from") }
        let vocabulary = builder.vocabulary

        var dictionary = try PronunciationDictionary(contentsOfFile: acoustic.dictionaryPath)
        if let extra = acoustic.extraDictionaryPath {
            let extraDictionary = try PronunciationDictionary(contentsOfFile: extra)
            for (word, prons) in extraDictionary.entries { dictionary.set(word, prons) }
        }
        var derived: [String: [String]] = [:]
        for word in vocabulary where dictionary.pronunciations(of: word) == nil {
            let phonemes = try await espeak.phonemes(for: word)
            let phones = EspeakPhonemeMapper.cmuPhones(fromEspeak: phonemes)
            guard !phones.isEmpty else {
                throw SpeechError(.pronunciation, "no pronunciation for `\(word)`: not in the CMU dictionary and espeak-ng gave none; add it to acoustic/extra.dict")
            }
            derived[word] = phones
            dictionary.set(word, [phones])
        }

        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            let lmURL = directory.appendingPathComponent("domain.arpa")
            let dictURL = directory.appendingPathComponent(includeGenericVocabulary ? "full.dict" : "domain.dict")
            try builder.arpa().write(to: lmURL, atomically: true, encoding: .utf8)
            let words = includeGenericVocabulary ? dictionary.entries.keys.sorted() : vocabulary
            try dictionary.cmuText(for: words).write(to: dictURL, atomically: true, encoding: .utf8)
            return DomainLanguageModel(languageModelPath: lmURL.path, dictionaryPath: dictURL.path, vocabulary: vocabulary,
                                       derivedPronunciations: derived, phraseCount: count)
        } catch {
            throw SpeechError(.languageModel, "\(directory.path): cannot write the language model: \(error.localizedDescription)")
        }
    }
}
