import AttendantAudio
import Foundation
import Synchronization

/// ``SpeechRecognizer`` backed by pocketsphinx and the en-us model.
///
/// Audio below 16 kHz (G.711's 8 kHz) is narrowband: it is upsampled to 16 kHz with
/// speexdsp and decoded by decoders that carry `acoustic/narrowband`'s front-end flags
/// and MLLR transform; everything else is decoded at 16 kHz (resampled down when
/// higher). Each band has its own ``DecoderPool``.
public final class PocketSphinxRecognizer: SpeechRecognizer {
    /// The model's sample rate.
    public static let modelSampleRate = 16000

    public let configuration: RecognizerConfiguration
    /// The domain model, when phrases were given.
    public let domainModel: DomainLanguageModel?
    private let wideband: DecoderPool
    private let narrowband: DecoderPool

    /// Builds the domain model (if any) and loads one wideband decoder to check that the
    /// configuration works.
    public init(configuration: RecognizerConfiguration) async throws(SpeechError) {
        PocketSphinxDecoder.quietLogging()
        self.configuration = configuration
        let acoustic = configuration.acoustic
        var mode = configuration.languageModel
        if configuration.phrases.isEmpty { mode = .generic }
        let model: DomainLanguageModel?
        if mode == .generic {
            model = nil
        } else {
            let directory = configuration.workDirectory
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("attendant-lm-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
            var interpolate = false
            if case .interpolated = mode { interpolate = true }
            model = try await DomainLanguageModel.build(phrases: configuration.phrases, acoustic: acoustic,
                                                        directory: directory, includeGenericVocabulary: interpolate)
        }
        self.domainModel = model

        var common: [(String, String)] = [("-hmm", acoustic.modelPath), ("-logfn", "/dev/null")]
        common += acoustic.decoderFlags
        var lmSetup: (@Sendable (PocketSphinxDecoder) throws(SpeechError) -> Void)?
        switch mode {
        case .generic:
            common += [("-dict", acoustic.dictionaryPath), ("-lm", acoustic.genericLanguageModelPath)]
        case .domain:
            common += [("-dict", model!.dictionaryPath), ("-lm", model!.languageModelPath)]
        case .interpolated(let weight):
            common += [("-dict", model!.dictionaryPath)]
            let paths = [model!.languageModelPath, acoustic.genericLanguageModelPath]
            lmSetup = { decoder throws(SpeechError) in
                try decoder.setInterpolatedLanguageModel(paths: paths, weights: [weight, 1 - weight])
            }
        }
        let wideFlags = common
        let narrowFlags = configuration.narrowbandAdaptation ? common + acoustic.narrowbandFlags : common
        let mllr = configuration.narrowbandAdaptation ? acoustic.narrowbandMLLRPath : nil
        let setup = lmSetup
        wideband = DecoderPool(label: "attendant.asr.wide", keep: configuration.pooledDecoders) { () throws(SpeechError) in
            let decoder = try PocketSphinxDecoder(flags: wideFlags)
            try setup?(decoder)
            return decoder
        }
        narrowband = DecoderPool(label: "attendant.asr.narrow", keep: configuration.pooledDecoders) { () throws(SpeechError) in
            let decoder = try PocketSphinxDecoder(flags: narrowFlags)
            try setup?(decoder)
            if let mllr { try decoder.applyMLLR(path: mllr) }
            return decoder
        }
        wideband.release(try await wideband.acquire())
    }

    /// Decoders created so far, per band.
    public var decoderCounts: (wideband: Int, narrowband: Int) { (wideband.createdCount, narrowband.createdCount) }

    /// Loads decoders ahead of time so the first calls do not wait for model loading.
    public func prewarm(narrowband count: Int = 0, wideband wideCount: Int = 0) async throws(SpeechError) {
        for (pool, n) in [(narrowband, count), (wideband, wideCount)] {
            var held: [QueuedDecoder] = []
            for _ in 0..<n { held.append(try await pool.acquire()) }
            held.forEach(pool.release)
        }
    }

    public func startSession(sampleRate: Int) async throws -> any RecognitionSession {
        guard sampleRate >= 8000 else {
            throw SpeechError(.input, "cannot recognize audio at \(sampleRate) Hz: at least 8000 Hz is needed")
        }
        let pool = sampleRate < Self.modelSampleRate ? narrowband : wideband
        let resampler = sampleRate == Self.modelSampleRate ? nil : try Resampler(from: sampleRate, to: Self.modelSampleRate)
        let decoder = try await pool.acquire()
        do {
            try await decoder.run { d throws(SpeechError) in try d.startUtterance() }
        } catch {
            pool.release(decoder)
            throw error
        }
        return PocketSphinxSession(decoder: decoder, pool: pool, resampler: resampler,
                                   maxAlternatives: configuration.maxAlternatives)
    }
}

/// One utterance on a borrowed decoder. Every step runs on the decoder's queue.
final class PocketSphinxSession: RecognitionSession, @unchecked Sendable {
    // Safety: `resampler` is only used inside `decoder.run`, on the decoder's serial
    // queue; `decoder` is guarded by `lock`.
    private let lock = Mutex<QueuedDecoder?>(nil)
    private let pool: DecoderPool
    private let resampler: Resampler?
    private let maxAlternatives: Int

    init(decoder: QueuedDecoder, pool: DecoderPool, resampler: Resampler?, maxAlternatives: Int) {
        self.pool = pool
        self.resampler = resampler
        self.maxAlternatives = maxAlternatives
        lock.withLock { $0 = decoder }
    }

    deinit {
        if let decoder = lock.withLock({ $0 }) { Task { [pool] in await Self.abandon(decoder, pool) } }
    }

    private var decoder: QueuedDecoder {
        get throws(SpeechError) {
            guard let d = lock.withLock({ $0 }) else { throw SpeechError(.decoder, "this recognition session has already finished") }
            return d
        }
    }

    func feed(_ samples: [Int16]) async throws {
        nonisolated(unsafe) let resampler = self.resampler
        try await decoder.run { d throws(SpeechError) in
            try d.process(resampler?.process(samples) ?? samples)
        }
    }

    func partialResult() async throws -> String {
        try await decoder.run { d in d.hypothesis() }
    }

    func finish() async throws -> RecognitionResult {
        guard let d = lock.withLock({ s -> QueuedDecoder? in defer { s = nil }; return s }) else {
            throw SpeechError(.decoder, "this recognition session has already finished")
        }
        nonisolated(unsafe) let resampler = self.resampler
        let maxAlternatives = self.maxAlternatives
        defer { pool.release(d) }
        return try await d.run { d throws(SpeechError) in
            if let tail = resampler?.flush(), !tail.isEmpty { try d.process(tail) }
            return try d.endUtterance(maxAlternatives: maxAlternatives)
        }
    }

    func cancel() async {
        guard let d = lock.withLock({ s -> QueuedDecoder? in defer { s = nil }; return s }) else { return }
        await Self.abandon(d, pool)
    }

    private static func abandon(_ d: QueuedDecoder, _ pool: DecoderPool) async {
        _ = try? await d.run { d throws(SpeechError) in _ = try d.endUtterance(maxAlternatives: 0) }
        pool.release(d)
    }
}
