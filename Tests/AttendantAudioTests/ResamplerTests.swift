import Foundation
import Testing
import AttendantAudio

@Suite("Resampler")
struct ResamplerTests {
    static let rates = [8000, 16000, 22050, 24000, 48000]
    static let pairs = rates.flatMap { a in rates.filter { $0 != a }.map { (a, $0) } }

    /// The middle of a signal, away from start-up and tail transients.
    static func middle(_ s: [Int16]) -> [Int16] { Array(s[(s.count / 4)..<(s.count * 3 / 4)]) }

    @Test("a 1 kHz tone keeps its level within 0.5 dB and the exact length", arguments: pairs)
    func keepsLevel(from: Int, to: Int) throws {
        let tone = SignalGenerator.sine(frequency: 1000, sampleRate: from, seconds: 1, amplitude: 0.5)
        let out = try Resampler.resample(tone, to: to)
        #expect(out.sampleRate == to && out.frameCount == to)
        let delta = AudioMath.dBFS(Self.middle(out.samples)) - AudioMath.dBFS(Self.middle(tone.samples))
        #expect(abs(delta) < 0.5, "level changed by \(delta) dB")
    }

    @Test("content the target rate cannot carry is ≥ 50 dB down", arguments: pairs)
    func rejectsOutOfBand(from: Int, to: Int) throws {
        if to < from {
            // Down: a tone between the two Nyquist frequencies must not alias into the output.
            let f = Double(to) / 2 + (Double(from) - Double(to)) / 4
            let tone = SignalGenerator.sine(frequency: f, sampleRate: from, seconds: 1, amplitude: 0.5)
            let out = try Resampler.resample(tone, to: to)
            let rejection = AudioMath.dBFS(Self.middle(tone.samples)) - AudioMath.dBFS(Self.middle(out.samples))
            #expect(rejection >= 50, "\(f) Hz only \(rejection) dB down")
        } else {
            // Up: the image of a 1 kHz tone at (from − 1000) Hz must be suppressed.
            let tone = SignalGenerator.sine(frequency: 1000, sampleRate: from, seconds: 1, amplitude: 0.5)
            let out = Self.middle(try Resampler.resample(tone, to: to).samples)
            let wanted = AudioMath.toneLevel(out, frequency: 1000, sampleRate: to)
            let image = AudioMath.toneLevel(out, frequency: Double(from - 1000), sampleRate: to)
            #expect(20 * log10(wanted / image) >= 50)
        }
    }

    @Test("output is time-aligned with the input (latency compensated)", arguments: pairs)
    func aligned(from: Int, to: Int) throws {
        // A 300 Hz tone burst starting at 0.25 s: the output burst must start at 0.25 s too.
        var samples = [Int16](repeating: 0, count: from / 4)
        samples += SignalGenerator.sine(frequency: 300, sampleRate: from, seconds: 0.25, amplitude: 0.5).samples
        let out = try Resampler.resample(PCMBuffer(samples: samples, sampleRate: from), to: to).samples
        let onset = out.firstIndex { abs(Int($0)) > 1000 } ?? 0
        let onsetMs = Double(onset) * 1000 / Double(to)
        #expect(abs(onsetMs - 250) < 1.5, "burst starts at \(onsetMs) ms")
    }

    @Test("streaming in uneven chunks equals one call", arguments: [(8000, 16000), (48000, 8000), (22050, 16000)])
    func streaming(from: Int, to: Int) throws {
        let input = SignalGenerator.whiteNoise(sampleRate: from, seconds: 0.5, amplitude: 0.1).samples
        let whole = try Resampler(from: from, to: to)
        let expected = whole.process(input) + whole.flush()
        let chunked = try Resampler(from: from, to: to)
        var out: [Int16] = []
        var i = 0
        for size in [1, 7, 160, 333, 2048] + Array(repeating: 441, count: 100) where i < input.count {
            let end = min(input.count, i + size)
            out += chunked.process(Array(input[i..<end]))
            i = end
        }
        out += chunked.process(Array(input[i...]))
        out += chunked.flush()
        #expect(out == expected)
        // flush resets: the next stream starts clean.
        #expect(chunked.process(input) + chunked.flush() == expected)
    }

    @Test("stereo channels are resampled independently")
    func stereo() throws {
        let left = SignalGenerator.sine(frequency: 440, sampleRate: 16000, seconds: 0.5, amplitude: 0.4).samples
        let right = SignalGenerator.sine(frequency: 1000, sampleRate: 16000, seconds: 0.5, amplitude: 0.2).samples
        let interleaved = zip(left, right).flatMap { [$0, $1] }
        let out = try Resampler.resample(PCMBuffer(samples: interleaved, sampleRate: 16000, channels: 2), to: 8000)
        let l = try Resampler.resample(PCMBuffer(samples: left, sampleRate: 16000), to: 8000)
        #expect(out.channels == 2 && out.frameCount == 4000)
        #expect(out.channel(0).samples == l.samples)
        #expect(abs(AudioMath.dBFS(Self.middle(out.channel(1).samples)) - AudioMath.dBFS(Self.middle(right))) < 0.5)
    }

    @Test("invalid parameters are errors", arguments: [(0, 8000, 1, 5), (8000, -1, 1, 5), (8000, 16000, 0, 5), (8000, 16000, 1, 11)])
    func invalid(from: Int, to: Int, channels: Int, quality: Int) {
        #expect(throws: AudioError.self) { try Resampler(from: from, to: to, channels: channels, quality: quality) }
    }
}
