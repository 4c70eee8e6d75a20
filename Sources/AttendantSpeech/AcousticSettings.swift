import Foundation

/// What the project's `acoustic/` folder says about the acoustic side.
///
/// Layout (all optional; missing files fall back to Debian's en-us model):
/// - `acoustic.params` — pocketsphinx flags, one `-key value` per line, `#` comments:
///   the model (`-hmm`, `-dict`, `-lm`) and search/front-end settings for wideband input.
/// - `extra.dict` — extra pronunciations, CMU format (`WORD  PH ON EM ES`), overriding the
///   CMU dictionary and espeak-ng's guesses.
/// - `narrowband/frontend.params` — flags added for 8 kHz telephone input (which is
///   upsampled to 16 kHz before decoding), and `narrowband/mllr_matrix`, an MLLR
///   transform the project computes itself (see `acoustic/adaptation/`).
public struct AcousticSettings: Sendable, Equatable {
    /// Debian's en-us model folder.
    public static let debianModel = "/usr/share/pocketsphinx/model/en-us/en-us"
    public static let debianDictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
    public static let debianLanguageModel = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"

    /// Acoustic model folder (`-hmm`).
    public var modelPath: String
    /// Pronunciation dictionary (`-dict`).
    public var dictionaryPath: String
    /// Generic language model (`-lm`), interpolated with the domain model.
    public var genericLanguageModelPath: String
    /// Extra pronunciations (CMU format); nil when there are none.
    public var extraDictionaryPath: String?
    /// Further decoder flags for all input, as `(flag, value)` pairs.
    public var decoderFlags: [(String, String)]
    /// Further decoder flags for narrowband (8 kHz) input.
    public var narrowbandFlags: [(String, String)]
    /// MLLR transform for narrowband input; nil when none was computed.
    public var narrowbandMLLRPath: String?

    public init(modelPath: String = AcousticSettings.debianModel,
                dictionaryPath: String = AcousticSettings.debianDictionary,
                genericLanguageModelPath: String = AcousticSettings.debianLanguageModel,
                extraDictionaryPath: String? = nil,
                decoderFlags: [(String, String)] = [],
                narrowbandFlags: [(String, String)] = [],
                narrowbandMLLRPath: String? = nil) {
        self.modelPath = modelPath
        self.dictionaryPath = dictionaryPath
        self.genericLanguageModelPath = genericLanguageModelPath
        self.extraDictionaryPath = extraDictionaryPath
        self.decoderFlags = decoderFlags
        self.narrowbandFlags = narrowbandFlags
        self.narrowbandMLLRPath = narrowbandMLLRPath
    }

    public static func == (a: AcousticSettings, b: AcousticSettings) -> Bool {
        a.modelPath == b.modelPath && a.dictionaryPath == b.dictionaryPath
            && a.genericLanguageModelPath == b.genericLanguageModelPath
            && a.extraDictionaryPath == b.extraDictionaryPath
            && a.decoderFlags.elementsEqual(b.decoderFlags, by: ==)
            && a.narrowbandFlags.elementsEqual(b.narrowbandFlags, by: ==)
            && a.narrowbandMLLRPath == b.narrowbandMLLRPath
    }

    /// Flags whose values are paths, resolved relative to the file that names them.
    static let pathFlags: Set<String> = ["-hmm", "-dict", "-lm", "-mllr", "-fdict"]

    /// Reads `directory` (usually `acoustic/`). A missing folder gives the defaults; a
    /// malformed file gives an error naming the file and line.
    public static func load(directory: String) throws(SpeechError) -> AcousticSettings {
        var settings = AcousticSettings()
        let fm = FileManager.default
        let base = URL(fileURLWithPath: directory)
        let params = base.appendingPathComponent("acoustic.params").path
        if fm.fileExists(atPath: params) {
            for (flag, value) in try parseParams(file: params) {
                switch flag {
                case "-hmm": settings.modelPath = value
                case "-dict": settings.dictionaryPath = value
                case "-lm": settings.genericLanguageModelPath = value
                default: settings.decoderFlags.append((flag, value))
                }
            }
        }
        let extra = base.appendingPathComponent("extra.dict").path
        if fm.fileExists(atPath: extra) { settings.extraDictionaryPath = extra }
        let narrow = base.appendingPathComponent("narrowband/frontend.params").path
        if fm.fileExists(atPath: narrow) {
            for (flag, value) in try parseParams(file: narrow) {
                if flag == "-mllr" { settings.narrowbandMLLRPath = value } else { settings.narrowbandFlags.append((flag, value)) }
            }
        }
        let mllr = base.appendingPathComponent("narrowband/mllr_matrix").path
        if settings.narrowbandMLLRPath == nil, fm.fileExists(atPath: mllr) { settings.narrowbandMLLRPath = mllr }
        for path in [settings.modelPath, settings.dictionaryPath, settings.genericLanguageModelPath] + [settings.narrowbandMLLRPath].compactMap({ $0 })
        where !fm.fileExists(atPath: path) {
            throw SpeechError(.configuration, "\(directory): \(path) does not exist (is pocketsphinx-en-us installed?)")
        }
        return settings
    }

    /// Parses a pocketsphinx-style params file: `-flag value` pairs, `#` starts a comment.
    public static func parseParams(file: String) throws(SpeechError) -> [(String, String)] {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw SpeechError(.configuration, "\(file): cannot read: \(error.localizedDescription)")
        }
        let dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        var pairs: [(String, String)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if tokens.isEmpty { continue }
            guard tokens.count == 2, tokens[0].hasPrefix("-"), tokens[0].count > 1 else {
                throw SpeechError(.configuration,
                    "\(file):\(index + 1): expected `-flag value`, found `\(line.trimmingCharacters(in: .whitespaces))`")
            }
            var value = tokens[1]
            if pathFlags.contains(tokens[0]), !value.hasPrefix("/") {
                value = dir.appendingPathComponent(value).standardizedFileURL.path
            }
            pairs.append((tokens[0], value))
        }
        return pairs
    }
}
