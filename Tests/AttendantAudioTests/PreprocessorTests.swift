import Testing
import AttendantAudio

@Suite("Preprocessor")
struct PreprocessorTests {
    /// The last second, after the noise estimate and gain have settled.
    static func tail(_ b: PCMBuffer) -> [Int16] { Array(b.samples.suffix(b.sampleRate)) }

    @Test("denoise makes noise-only input quieter", arguments: [8000, 16000], ["white", "pink"])
    func denoise(rate: Int, kind: String) {
        let noise = kind == "white"
            ? SignalGenerator.whiteNoise(sampleRate: rate, seconds: 3, amplitude: 0.03)
            : SignalGenerator.pinkNoise(sampleRate: rate, seconds: 3, amplitude: 0.03)
        let out = Preprocessor.process(noise, denoise: true, agc: false)
        #expect(out.frameCount == noise.frameCount)
        let reduction = AudioMath.dBFS(Self.tail(noise)) - AudioMath.dBFS(Self.tail(out))
        #expect(reduction > 6, "only \(reduction) dB quieter")
    }

    @Test("agc makes a quiet speech-like signal louder", arguments: [8000, 16000])
    func agc(rate: Int) {
        let quiet = SignalGenerator.voiced(sampleRate: rate, seconds: 4, amplitude: 0.01)
        let out = Preprocessor.process(quiet, denoise: false, agc: true)
        let gain = AudioMath.dBFS(Self.tail(out)) - AudioMath.dBFS(Self.tail(quiet))
        #expect(gain > 6, "only \(gain) dB louder")
    }

    @Test("frame-by-frame processing equals the whole-buffer helper")
    func frames() {
        let input = SignalGenerator.whiteNoise(sampleRate: 16000, seconds: 0.5, amplitude: 0.05)
        let pre = Preprocessor(sampleRate: 16000, frameSize: 320, denoise: true, agc: false)
        var out: [Int16] = []
        for start in stride(from: 0, to: input.samples.count, by: 320) {
            var frame = Array(input.samples[start..<(start + 320)])
            pre.process(&frame)
            out += frame
        }
        #expect(out == Preprocessor.process(input, denoise: true, agc: false).samples)
    }
}
