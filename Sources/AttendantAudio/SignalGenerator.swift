import Foundation

/// Deterministic test and prompt signals: tones, noise and a speech-like voiced
/// signal. Amplitudes are fractions of full scale (1.0 = 32767).
public enum SignalGenerator {
    /// A sine tone of peak `amplitude`.
    public static func sine(frequency: Double, sampleRate: Int, seconds: Double,
                            amplitude: Double = 0.5) -> PCMBuffer {
        let n = frameCount(sampleRate, seconds)
        let w = 2 * Double.pi * frequency / Double(sampleRate)
        let samples = (0..<n).map { AudioMath.clip(amplitude * 32767 * sin(w * Double($0))) }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }

    /// Gaussian white noise with RMS level `amplitude`; equal seeds give equal noise.
    public static func whiteNoise(sampleRate: Int, seconds: Double, amplitude: Double = 0.1,
                                  seed: UInt64 = 1) -> PCMBuffer {
        var rng = SeededGenerator(seed: seed)
        let samples = (0..<frameCount(sampleRate, seconds)).map { _ in
            AudioMath.clip(amplitude * 32767 * rng.nextGaussian())
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }

    /// Pink (1/f) noise with RMS level `amplitude` (Paul Kellet's filter over
    /// seeded white noise, normalised to the requested level).
    public static func pinkNoise(sampleRate: Int, seconds: Double, amplitude: Double = 0.1,
                                 seed: UInt64 = 1) -> PCMBuffer {
        var rng = SeededGenerator(seed: seed)
        var b = [Double](repeating: 0, count: 7)
        var raw = [Double](repeating: 0, count: frameCount(sampleRate, seconds))
        for i in raw.indices {
            let w = rng.nextGaussian()
            b[0] = 0.99886 * b[0] + w * 0.0555179
            b[1] = 0.99332 * b[1] + w * 0.0750759
            b[2] = 0.96900 * b[2] + w * 0.1538520
            b[3] = 0.86650 * b[3] + w * 0.3104856
            b[4] = 0.55000 * b[4] + w * 0.5329522
            b[5] = -0.7616 * b[5] - w * 0.0168980
            raw[i] = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362
            b[6] = w * 0.115926
        }
        return normalised(raw, rms: amplitude, sampleRate: sampleRate)
    }

    /// Digital silence.
    public static func silence(sampleRate: Int, seconds: Double) -> PCMBuffer {
        PCMBuffer(samples: [Int16](repeating: 0, count: frameCount(sampleRate, seconds)),
                  sampleRate: sampleRate)
    }

    /// A speech-like voiced signal with RMS level `amplitude`: a glottal pulse train
    /// (fundamental drifting ±20 % around `fundamental`) through three moving formant
    /// resonances, chopped into syllables of 120–300 ms with short gaps. Useful for
    /// VAD, AGC and DTMF talk-off tests where a real voice is not needed.
    public static func voiced(sampleRate: Int, seconds: Double, fundamental: Double = 120,
                              amplitude: Double = 0.1, seed: UInt64 = 1) -> PCMBuffer {
        var rng = SeededGenerator(seed: seed)
        let fs = Double(sampleRate)
        let n = frameCount(sampleRate, seconds)
        var raw = [Double](repeating: 0, count: n)
        // Vowel formant sets (F1, F2, F3) in Hz.
        let vowels: [(Double, Double, Double)] = [(730, 1090, 2440), (270, 2290, 3010),
                                                  (530, 1840, 2480), (300, 870, 2240),
                                                  (640, 1190, 2390)]
        var filters = [Resonator](repeating: Resonator(), count: 3)
        var phase = 0.0
        var i = 0
        while i < n {
            let syllable = Int(fs * Double.random(in: 0.12...0.30, using: &rng))
            let gap = Int(fs * Double.random(in: 0.03...0.08, using: &rng))
            let vowel = vowels[Int.random(in: 0..<vowels.count, using: &rng)]
            let f0 = fundamental * Double.random(in: 0.8...1.2, using: &rng)
            for (k, f) in [vowel.0, vowel.1, vowel.2].enumerated() {
                filters[k].tune(frequency: min(f, fs * 0.45), bandwidth: 80 + 40 * Double(k), sampleRate: fs)
            }
            for j in 0..<syllable where i + j < n {
                let t = Double(j) / Double(syllable)
                let envelope = sin(Double.pi * t)              // rise and fall
                let pitch = f0 * (1.1 - 0.2 * t)                // falling intonation
                phase += pitch / fs
                var excitation = 0.0
                if phase >= 1 { phase -= 1; excitation = 1 }   // glottal pulse
                excitation += 0.02 * rng.nextGaussian()         // breath
                var y = 0.0
                for k in 0..<3 { y += filters[k].process(excitation) / Double(k + 1) }
                raw[i + j] = envelope * y
            }
            i += syllable + gap
        }
        return normalised(raw, rms: amplitude, sampleRate: sampleRate)
    }

    // MARK: private

    private static func frameCount(_ sampleRate: Int, _ seconds: Double) -> Int {
        max(0, Int((Double(sampleRate) * seconds).rounded()))
    }

    private static func normalised(_ raw: [Double], rms: Double, sampleRate: Int) -> PCMBuffer {
        let power = raw.reduce(0) { $0 + $1 * $1 } / Double(max(1, raw.count))
        let gain = power > 0 ? rms * 32767 / power.squareRoot() : 0
        return PCMBuffer(samples: raw.map { AudioMath.clip($0 * gain) }, sampleRate: sampleRate)
    }

    /// A two-pole resonator (one formant).
    private struct Resonator {
        var a1 = 0.0, a2 = 0.0, gain = 0.0, y1 = 0.0, y2 = 0.0

        mutating func tune(frequency: Double, bandwidth: Double, sampleRate: Double) {
            let r = exp(-Double.pi * bandwidth / sampleRate)
            a1 = 2 * r * cos(2 * Double.pi * frequency / sampleRate)
            a2 = -r * r
            gain = 1 - r
        }

        mutating func process(_ x: Double) -> Double {
            let y = gain * x + a1 * y1 + a2 * y2
            y2 = y1
            y1 = y
            return y
        }
    }
}
