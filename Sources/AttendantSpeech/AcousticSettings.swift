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
/// - `wideband/frontend.params` and `wideband/mllr_matrix` — the same for 16 kHz input.
public struct AcousticSettings: Sendable, Equatable {
    /// What one band (wideband or narrowband input) adds to the common settings.
    public struct Band: Sendable, Equatable {
        /// Extra decoder flags.
        public var flags: [(String, String)]
        /// MLLR transform file; nil when none.
        public var mllrPath: String?

        public init(flags: [(String, String)] = [], mllrPath: String? = nil) {
            self.flags = flags
            self.mllrPath = mllrPath
        }

        public static func == (a: Band, b: Band) -> Bool {
            a.flags.elementsEqual(b.flags, by: ==) && a.mllrPath == b.mllrPath
        }

        /// Reads `directory/frontend.params` and `directory/mllr_matrix` when present.
        static func load(directory: URL) throws(SpeechError) -> Band {
            var band = Band()
            let fm = FileManager.default
            let params = directory.appendingPathComponent("frontend.params").path
            if fm.fileExists(atPath: params) {
                for (flag, value) in try parseParams(file: params) {
                    if flag == "-mllr" { band.mllrPath = value } else { band.flags.append((flag, value)) }
                }
            }
            let mllr = directory.appendingPathComponent("mllr_matrix").path
            if band.mllrPath == nil, fm.fileExists(atPath: mllr) { band.mllrPath = mllr }
            return band
        }
    }

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
    /// What 16 kHz input adds.
    public var wideband: Band
    /// What narrowband (8 kHz, upsampled) input adds.
    public var narrowband: Band

    public init(modelPath: String = AcousticSettings.debianModel,
                dictionaryPath: String = AcousticSettings.debianDictionary,
                genericLanguageModelPath: String = AcousticSettings.debianLanguageModel,
                extraDictionaryPath: String? = nil,
                decoderFlags: [(String, String)] = [],
                wideband: Band = Band(), narrowband: Band = Band()) {
        self.modelPath = modelPath
        self.dictionaryPath = dictionaryPath
        self.genericLanguageModelPath = genericLanguageModelPath
        self.extraDictionaryPath = extraDictionaryPath
        self.decoderFlags = decoderFlags
        self.wideband = wideband
        self.narrowband = narrowband
    }

    public static func == (a: AcousticSettings, b: AcousticSettings) -> Bool {
        a.modelPath == b.modelPath && a.dictionaryPath == b.dictionaryPath
            && a.genericLanguageModelPath == b.genericLanguageModelPath
            && a.extraDictionaryPath == b.extraDictionaryPath
            && a.decoderFlags.elementsEqual(b.decoderFlags, by: ==)
            && a.wideband == b.wideband && a.narrowband == b.narrowband
    }

    /// Flags whose values are paths, resolved relative to the file that names them.
    static let pathFlags: Set<String> = ["-hmm", "-dict", "-lm", "-mllr", "-fdict", "-featparams"]

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
        settings.wideband = try Band.load(directory: base.appendingPathComponent("wideband"))
        settings.narrowband = try Band.load(directory: base.appendingPathComponent("narrowband"))
        for path in [settings.modelPath, settings.dictionaryPath, settings.genericLanguageModelPath]
            + [settings.wideband.mllrPath, settings.narrowband.mllrPath].compactMap({ $0 })
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
