import ArgumentParser
import AttendantAudio
import AttendantSpeech
import Foundation

/// `attendant bench …`: the figures the README quotes, measured on this machine.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure speech and audio performance.",
        subcommands: [ASRBench.self, TTSBench.self, DSPBench.self, AllBench.self])
}

/// Process CPU time (user + system) in seconds: what a core spends, whatever the wall clock.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Resident memory of this process in bytes (from /proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func format(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

/// `attendant bench asr`: compute per stream (CPU seconds per audio second), WER on the
/// domain dev set at 16 kHz and through 8 kHz G.711, and memory per extra decoder.
struct ASRBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "asr", abstract: "Recognizer speed, accuracy and memory.")

    @OptionGroup var speech: SpeechOptions

    @Option(name: .long, help: "Dev set: one sentence per line.")
    var devSet: String = "Benchmarks/data/domain-dev.txt"

    @Option(name: .long, parsing: .upToNextOption, help: "espeak-ng voices of the dev-set callers.")
    var voices: [String] = ["en-us+m1", "en-us+f1", "en-gb-x-rp"]

    @Option(name: .long, help: "Extra decoders to load when measuring memory.")
    var decoders: Int = 8

    @Option(name: .long, help: "Line silence before each utterance in ms (the endpointer's pre-roll).")
    var padMs: Int = 200

    @Option(name: .long, help: "Line silence after each utterance in ms (the endpointer's end-of-speech wait).")
    var padAfterMs: Int = 500

    @Option(name: .long, help: "Level of the line noise under the speech and silences, dBFS (-200 for digital silence).")
    var noiseDBFS: Double = -200

    /// Speech as the endpointer hands it to the recognizer: with pre-roll and the trailing
    /// silence that ended the utterance, over the line's noise.
    static func asDeliveredByTheEndpointer(_ speech: PCMBuffer, before: Int, after: Int, noiseDBFS: Double, seed: UInt64) -> PCMBuffer {
        let rate = speech.sampleRate
        var samples = [Int16](repeating: 0, count: rate * before / 1000) + speech.samples + [Int16](repeating: 0, count: rate * after / 1000)
        if noiseDBFS > -150 {
            let noise = SignalGenerator.whiteNoise(sampleRate: rate, seconds: Double(samples.count) / Double(rate),
                                                   amplitude: pow(10, noiseDBFS / 20), seed: seed)
            samples = AudioMath.mix(samples, noise.samples)
        }
        return PCMBuffer(samples: samples, sampleRate: rate)
    }

    @Flag(name: .long, help: "Print every miss.")
    var verbose = false

    func run() async throws {
        var options = speech
        if options.phrases == nil && options.prompts == nil { options.prompts = "prompts" }
        let sentences = try DomainLanguageModel.phrases(fromFile: devSet)
        let recognizer = try await options.makeRecognizer()
        let synthesizer = EspeakSynthesizer()
        var wide: [(String, PCMBuffer)] = [], narrow: [(String, PCMBuffer)] = []
        for (i, sentence) in sentences.enumerated() {
            let voice = voices[i % voices.count]
            let speech = try await synthesizer.synthesizeAll(SynthesisRequest(text: sentence, voice: voice, rate: 160 + 15 * (i % 3), sampleRate: 16000))
            let audio = Self.asDeliveredByTheEndpointer(speech, before: padMs, after: padAfterMs, noiseDBFS: noiseDBFS, seed: UInt64(i + 1))
            let eight = try Resampler.resample(audio, to: 8000)
            wide.append((sentence, audio))
            narrow.append((sentence, PCMBuffer(samples: G711.muLawDecode(G711.muLawEncode(eight.samples)), sampleRate: 8000)))
        }
        print("ASR bench: \(sentences.count) dev sentences, voices \(voices.joined(separator: ", ")), LM \(options.lm.rawValue)")
        for (label, set) in [("16 kHz", wide), ("8 kHz G.711", narrow)] {
            _ = try await recognizer.recognize(set[0].1)  // load this band's decoder first
            var errors = 0, words = 0, correct = 0
            var audioSeconds = 0.0
            let cpuStart = cpuSeconds()
            for (sentence, audio) in set {
                let result = try await recognizer.recognize(audio)
                let r = TextNormalizer.words(sentence), h = TextNormalizer.words(result.text)
                let e = editDistance(r, h)
                errors += e
                words += r.count
                if e == 0 { correct += 1 } else if verbose { print("  miss: \(sentence) → \(result.text)") }
                audioSeconds += audio.duration
            }
            let cpu = cpuSeconds() - cpuStart
            let xRT = cpu / audioSeconds
            print("\(label): WER \(format(100 * Double(errors) / Double(words), 1)) % (\(errors)/\(words) words), sentence accuracy \(format(100 * Double(correct) / Double(set.count), 1)) %, compute \(format(xRT, 4)) x real time (\(format(1 / xRT, 1)) streams per core), \(format(audioSeconds, 1)) s of audio")
        }
        // Memory: resident growth per additional loaded narrowband decoder.
        let before = residentBytes()
        try await recognizer.prewarm(narrowband: decoders + 1)
        let after = residentBytes()
        print("memory: \(format(Double(after - before) / Double(decoders) / 1_048_576, 1)) MB per additional decoder (\(decoders) loaded, resident \(format(Double(after) / 1_048_576, 0)) MB)")
    }

    func editDistance(_ a: [String], _ b: [String]) -> Int {
        var row = Array(0...b.count)
        for i in stride(from: 1, through: a.count, by: 1) {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

/// `attendant bench tts`: time to first audio chunk, uncached and cached.
struct TTSBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tts", abstract: "Synthesizer latency.")

    @Option(name: .long, help: "Runs per figure.")
    var runs: Int = 30

    func run() async throws {
        // Twelve words, different each run so nothing inside espeak-ng is reused.
        let sentences = (0..<runs).map { "Your order number \($0) will arrive at the address you gave us tomorrow." }
        let synthesizer = EspeakSynthesizer()
        _ = try await synthesizer.synthesizeAll(SynthesisRequest(text: "warm up", sampleRate: 8000))
        let clock = ContinuousClock()
        var uncached: [Double] = []
        for text in sentences {
            let start = clock.now
            for try await _ in synthesizer.synthesize(SynthesisRequest(text: text, sampleRate: 8000)) {
                uncached.append((clock.now - start).seconds * 1000)
                break
            }
        }
        let cache = PromptCache(synthesizer)
        let prompt = SynthesisRequest(text: sentences[0], sampleRate: 8000)
        _ = try await cache.synthesizeAll(prompt)
        var cached: [Double] = []
        for _ in 0..<runs * 10 {
            let start = clock.now
            for try await _ in cache.synthesize(prompt) {
                cached.append((clock.now - start).seconds * 1000)
                break
            }
        }
        print("TTS first chunk, 12-word sentence, uncached: p50 \(format(percentile(uncached, 0.5), 2)) ms, p99 \(format(percentile(uncached, 0.99), 2)) ms (\(runs) runs)")
        print("TTS first chunk, cached prompt: p50 \(format(percentile(cached, 0.5), 4)) ms, p99 \(format(percentile(cached, 0.99), 4)) ms (\(runs * 10) runs)")
    }
}

/// `attendant bench dsp`: G.711, resampling and WAV throughput on one core.
struct DSPBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dsp", abstract: "G.711, resampling and WAV throughput.")

    @Option(name: .long, help: "Seconds of audio per measurement.")
    var seconds: Double = 600

    func run() throws {
        let narrow = SignalGenerator.whiteNoise(sampleRate: 8000, seconds: seconds, amplitude: 0.2, seed: 3)
        let wide = SignalGenerator.whiteNoise(sampleRate: 16000, seconds: seconds, amplitude: 0.2, seed: 4)
        let frame8 = 160, frame16 = 320  // 20 ms
        func measure(_ label: String, _ body: () throws -> Void) rethrows {
            let start = cpuSeconds()
            try body()
            let cpu = max(1e-9, cpuSeconds() - start)
            print("\(label): \(format(seconds / cpu, 0)) x real time")
        }
        var sink = 0
        measure("G.711 u-law encode, 8 kHz, 20 ms frames") {
            var out = [UInt8](repeating: 0, count: frame8)
            for start in stride(from: 0, to: narrow.samples.count - frame8, by: frame8) {
                for i in 0..<frame8 { out[i] = G711.muLawEncode(narrow.samples[start + i]) }
                sink &+= Int(out[0])
            }
        }
        let encoded = G711.muLawEncode(narrow.samples)
        measure("G.711 u-law decode, 8 kHz, 20 ms frames") {
            var out = [Int16](repeating: 0, count: frame8)
            for start in stride(from: 0, to: encoded.count - frame8, by: frame8) {
                for i in 0..<frame8 { out[i] = G711.muLawDecode(encoded[start + i]) }
                sink &+= Int(out[0])
            }
        }
        measure("G.711 A-law encode + decode, 8 kHz, 20 ms frames") {
            for start in stride(from: 0, to: narrow.samples.count - frame8, by: frame8) {
                for i in 0..<frame8 { sink &+= Int(G711.aLawDecode(G711.aLawEncode(narrow.samples[start + i]))) }
            }
        }
        for (from, to, buffer, frame) in [(8000, 16000, narrow, frame8), (16000, 8000, wide, frame16), (48000, 16000, nil as PCMBuffer?, 960)] {
            let input = buffer ?? SignalGenerator.whiteNoise(sampleRate: from, seconds: seconds, amplitude: 0.2, seed: 5)
            let resampler = try Resampler(from: from, to: to)
            measure("resample \(from) → \(to) Hz, 20 ms frames") {
                for start in stride(from: 0, to: input.samples.count - frame, by: frame) {
                    sink &+= resampler.process(Array(input.samples[start..<start + frame])).count
                }
            }
        }
        var wav = Data()
        measure("WAV encode, 16 kHz PCM16") { wav = WAVFile.encode(wide) }
        try measure("WAV decode, 16 kHz PCM16") { sink &+= try WAVFile.read(data: wav, name: "bench.wav").samples.count }
        let ulawWav = WAVFile.encode(narrow, encoding: .muLaw)
        try measure("WAV decode, 8 kHz u-law") { sink &+= try WAVFile.read(data: ulawWav, name: "bench.wav").samples.count }
        if sink == 42 { print("") }  // keeps the work observable
    }
}

/// `attendant bench all`: every figure, one after another.
struct AllBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark.")

    func run() async throws {
        try DSPBench.parse([]).run()
        let tts = try TTSBench.parse([])
        try await tts.run()
        let asr = try ASRBench.parse([])
        try await asr.run()
    }
}
