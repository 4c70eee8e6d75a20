import Foundation
import Testing
import AttendantAudio

@Suite("Opus")
struct OpusTests {
    /// Normalised cross-correlation of `a` and `b`, searched over lags 0…maxLag of `b`.
    static func correlation(_ a: [Int16], _ b: [Int16], maxLag: Int) -> Double {
        (0...maxLag).map { lag in
            var ab = 0.0, aa = 0.0, bb = 0.0
            for i in 0..<(min(a.count, b.count - lag)) {
                let x = Double(a[i]), y = Double(b[i + lag])
                ab += x * y; aa += x * x; bb += y * y
            }
            return ab / max(1, (aa * bb).squareRoot())
        }.max() ?? 0
    }

    @Test("a tone survives the round trip", arguments: [8000, 12000, 16000, 24000, 48000], [10, 20, 60])
    func roundTrip(rate: Int, frameMs: Int) throws {
        let encoder = try OpusEncoder(sampleRate: rate, bitrate: 24000)
        let decoder = try OpusDecoder(sampleRate: rate)
        let tone = SignalGenerator.sine(frequency: 440, sampleRate: rate, seconds: 1, amplitude: 0.3).samples
        let frame = rate * frameMs / 1000
        var out: [Int16] = []
        for start in stride(from: 0, to: tone.count - frame + 1, by: frame) {
            let packet = try encoder.encode(Array(tone[start..<(start + frame)]))
            #expect(!packet.isEmpty && packet.count < 24000 * frameMs / 8000 * 2 + 10)
            let pcm = try decoder.decode(packet)
            #expect(pcm.count == frame)
            out += pcm
        }
        let mid = Array(tone[(rate / 4)..<(rate * 3 / 4)])
        let decoded = Array(out[(rate / 4)...])
        #expect(Self.correlation(mid, decoded, maxLag: rate / 100) > 0.9)
        #expect(abs(AudioMath.dBFS(mid) - AudioMath.dBFS(Array(decoded.prefix(mid.count)))) < 2)
    }

    @Test("every legal frame duration encodes", arguments: [5, 10, 20, 40, 80, 120])
    func frameSizes(halfMs: Int) throws {
        let encoder = try OpusEncoder(sampleRate: 16000)
        let frame = [Int16](repeating: 0, count: 16000 * halfMs / 2000)
        let packet = try encoder.encode(frame)
        #expect(try OpusDecoder(sampleRate: 16000).decode(packet).count == frame.count)
    }

    @Test("stereo round trip keeps the channel count")
    func stereo() throws {
        let encoder = try OpusEncoder(sampleRate: 48000, channels: 2, bitrate: 64000)
        let decoder = try OpusDecoder(sampleRate: 48000, channels: 2)
        #expect(try decoder.decode(encoder.encode([Int16](repeating: 100, count: 960 * 2))).count == 960 * 2)
    }

    @Test("packet-loss concealment returns the requested length")
    func concealment() throws {
        let encoder = try OpusEncoder(sampleRate: 16000)
        let decoder = try OpusDecoder(sampleRate: 16000)
        let tone = SignalGenerator.sine(frequency: 300, sampleRate: 16000, seconds: 0.2, amplitude: 0.3).samples
        for start in stride(from: 0, to: tone.count, by: 320) {
            _ = try decoder.decode(encoder.encode(Array(tone[start..<(start + 320)])))
        }
        let concealed = decoder.decodeLoss(frameSize: 320)
        #expect(concealed.count == 320 && AudioMath.rms(concealed) > 100)
        #expect(decoder.decodeLoss(frameSize: 123).count == 123)
    }

    @Test("a frame of the wrong size is an error", arguments: [0, 100, 321, 16000])
    func badFrame(size: Int) throws {
        let encoder = try OpusEncoder(sampleRate: 16000)
        #expect { try encoder.encode([Int16](repeating: 0, count: size)) } throws: {
            ($0 as? AudioError)?.code == .invalidArgument && "\($0)".contains("\(size) samples")
        }
    }

    @Test("garbage packets are errors", arguments: [[UInt8](), [0x03, 0x00], [0x03, 0xFF], [0x02], [0x02, 0xFB, 0x00]])
    func garbage(packet: [UInt8]) throws {
        let decoder = try OpusDecoder(sampleRate: 16000)
        #expect(throws: AudioError.self) { try decoder.decode(packet) }
    }

    @Test("invalid configurations are errors")
    func invalidConfig() {
        #expect(throws: AudioError.self) { try OpusEncoder(sampleRate: 44100) }
        #expect(throws: AudioError.self) { try OpusEncoder(sampleRate: 16000, channels: 3) }
        #expect(throws: AudioError.self) { try OpusEncoder(sampleRate: 16000, bitrate: 10) }
        #expect(throws: AudioError.self) { try OpusDecoder(sampleRate: 11025) }
    }
}
