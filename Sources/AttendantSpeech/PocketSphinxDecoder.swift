import CPocketSphinx
import Foundation

/// Owns one pocketsphinx decoder (`ps_decoder_t`). Blocking and not thread-safe: every
/// method must be called on the owner's serial queue (``PocketSphinxRecognizer`` does).
final class PocketSphinxDecoder {
    private let ps: OpaquePointer
    /// Frames per second of the front end (`-frate`, 100 for the en-us model).
    let frameRate: Double
    /// Name of the interpolated language-model search, when one is set.
    static let searchName = "attendant"

    /// Creates a decoder from pocketsphinx command-line flags (`-hmm …`, `-dict …`, …).
    init(flags: [(String, String)]) throws(SpeechError) {
        let words: [String] = ["attendant"] + flags.flatMap { [$0.0, $0.1] }
        var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { argv.forEach { free($0) } }
        guard let config = attendant_ps_config(Int32(argv.count), &argv) else {
            throw SpeechError(.configuration, "pocketsphinx rejected the decoder flags \(flags.map { "\($0.0) \($0.1)" }.joined(separator: " "))")
        }
        defer { cmd_ln_free_r(config) }
        guard let ps = ps_init(config) else {
            throw SpeechError(.modelLoad, "pocketsphinx could not load the model with flags \(flags.map { "\($0.0) \($0.1)" }.joined(separator: " "))")
        }
        self.ps = ps
        self.frameRate = Double(cmd_ln_int_r(ps_get_config(ps), "-frate"))
    }

    deinit { ps_free(ps) }

    /// Replaces the language model with the interpolation of `models` (paths, ARPA or
    /// binary) with the given weights.
    func setInterpolatedLanguageModel(paths: [String], weights: [Float]) throws(SpeechError) {
        let config = ps_get_config(ps)
        let logmath = ps_get_logmath(ps)
        var models: [OpaquePointer?] = []
        defer { models.forEach { if let m = $0 { ngram_model_free(m) } } }
        for path in paths {
            guard let model = ngram_model_read(config, path, NGRAM_AUTO, logmath) else {
                throw SpeechError(.languageModel, "\(path): pocketsphinx could not read this language model")
            }
            models.append(model)
        }
        var names = paths.indices.map { strdup("lm\($0)") }
        defer { names.forEach { free($0) } }
        var w = weights
        guard let set = ngram_model_set_init(config, &models, &names, &w, Int32(models.count)) else {
            throw SpeechError(.languageModel, "could not interpolate language models \(paths)")
        }
        defer { ngram_model_free(set) }
        guard ps_set_lm(ps, Self.searchName, set) == 0, ps_set_search(ps, Self.searchName) == 0 else {
            throw SpeechError(.languageModel, "pocketsphinx refused the interpolated language model \(paths)")
        }
    }

    /// Applies an MLLR transform file.
    func applyMLLR(path: String) throws(SpeechError) {
        guard let mllr = ps_mllr_read(path) else {
            throw SpeechError(.modelLoad, "\(path): not a readable MLLR transform")
        }
        guard ps_update_mllr(ps, mllr) != nil else {
            throw SpeechError(.modelLoad, "\(path): pocketsphinx could not apply this MLLR transform")
        }
    }

    /// Starts an utterance; word times count from its start. (The final result always
    /// comes from a whole-utterance pass with batch CMN, so nothing of the previous
    /// utterance's running cepstral mean reaches it; resetting that mean by hand here
    /// was tried and corrupts the batch pass that follows a streamed one.)
    func startUtterance() throws(SpeechError) {
        guard ps_start_stream(ps) == 0, ps_start_utt(ps) == 0 else { throw SpeechError(.decoder, "pocketsphinx could not start an utterance") }
    }

    /// Decodes samples; `wholeUtterance` means these are all the utterance's samples, which
    /// lets the front end normalize with the utterance's own cepstral mean (batch CMN, as
    /// the model was trained) instead of a running estimate.
    func process(_ samples: [Int16], wholeUtterance: Bool = false) throws(SpeechError) {
        let rc = samples.withUnsafeBufferPointer { ps_process_raw(ps, $0.baseAddress, $0.count, 0, wholeUtterance ? 1 : 0) }
        guard rc >= 0 else { throw SpeechError(.decoder, "pocketsphinx failed on \(samples.count) samples") }
    }

    /// The current best hypothesis.
    func hypothesis() -> String {
        var score: Int32 = 0
        guard let hyp = ps_get_hyp(ps, &score) else { return "" }
        return String(cString: hyp)
    }

    /// Ends the utterance and collects the result. `maxAlternatives` bounds the N-best list.
    func endUtterance(maxAlternatives: Int) throws(SpeechError) -> RecognitionResult {
        guard ps_end_utt(ps) == 0 else { throw SpeechError(.decoder, "pocketsphinx could not end the utterance") }
        let frames = Int(ps_get_n_frames(ps))
        var score: Int32 = 0
        let text = ps_get_hyp(ps, &score).map { String(cString: $0) } ?? ""
        let logmath = ps_get_logmath(ps)
        _ = ps_get_prob(ps)  // runs the lattice forward-backward pass that gives word posteriors
        var words: [RecognizedWord] = []
        var seg = ps_seg_iter(ps)
        while let s = seg {
            let word = String(cString: ps_seg_word(s))
            var startFrame: Int32 = 0, endFrame: Int32 = 0
            ps_seg_frames(s, &startFrame, &endFrame)
            var ascr: Int32 = 0, lscr: Int32 = 0, lback: Int32 = 0
            let posterior = logmath_exp(logmath, ps_seg_prob(s, &ascr, &lscr, &lback))
            if let clean = Self.lexicalWord(word) {
                words.append(RecognizedWord(word: clean, start: Double(startFrame) / frameRate,
                                            end: Double(endFrame + 1) / frameRate,
                                            confidence: min(1, max(0, posterior))))
            }
            seg = ps_seg_next(s)
        }
        var alternatives: [RecognitionAlternative] = []
        var nbest = ps_nbest(ps)
        var seen = Set<String>()
        while let n = nbest, alternatives.count < maxAlternatives {
            var nscore: Int32 = 0
            if let hyp = ps_nbest_hyp(n, &nscore) {
                let clean = String(cString: hyp).split(separator: " ").compactMap { Self.lexicalWord(String($0)) }.joined(separator: " ")
                if seen.insert(clean).inserted { alternatives.append(RecognitionAlternative(text: clean, score: Int(nscore))) }
            }
            nbest = ps_nbest_next(n)
        }
        if let n = nbest { ps_nbest_free(n) }
        let cleanText = text.split(separator: " ").compactMap { Self.lexicalWord(String($0)) }.joined(separator: " ")
        if alternatives.first?.text != cleanText {
            alternatives.removeAll { $0.text == cleanText }
            alternatives.insert(RecognitionAlternative(text: cleanText, score: Int(score)), at: 0)
        }
        // Utterance confidence: the mean posterior of its words (a word the lattice is
        // unsure of drags it down; an empty result has none).
        let confidence = words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
        return RecognitionResult(text: cleanText, words: words, confidence: confidence,
                                 alternatives: alternatives, audioSeconds: Double(frames) / frameRate)
    }

    /// The word without pronunciation-variant marks, or nil for silence and fillers.
    static func lexicalWord(_ word: String) -> String? {
        if word.hasPrefix("<") || word.hasPrefix("[") || word.hasPrefix("++") || word.isEmpty { return nil }
        if let paren = word.firstIndex(of: "("), word.hasSuffix(")") { return String(word[..<paren]) }
        return word
    }

    /// Silences pocketsphinx's logging (it writes a lot to stderr).
    static func quietLogging() { err_set_logfp(nil) }
}
