import Foundation

/// Level measurement and simple sample arithmetic on 16-bit PCM.
public enum AudioMath {
    /// Root-mean-square value in sample units (0…32768); 0 for an empty array.
    public static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for s in samples { let x = Double(s); sum += x * x }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// RMS level in dB relative to full scale (32768 = 0 dBFS); -120 for silence.
    public static func dBFS(_ samples: [Int16]) -> Double { dBFS(rms: rms(samples)) }

    /// Converts an RMS value in sample units to dBFS, floored at -120.
    public static func dBFS(rms: Double) -> Double {
        rms > 0 ? max(-120, 20 * log10(rms / 32768)) : -120
    }

    /// Largest absolute sample value.
    public static func peak(_ samples: [Int16]) -> Int {
        samples.reduce(0) { max($0, abs(Int($1))) }
    }

    /// Converts a double to Int16, rounding and clipping at full scale.
    @inline(__always)
    public static func clip(_ x: Double) -> Int16 {
        Int16(max(-32768, min(32767, x.rounded())))
    }

    /// `samples` multiplied by a gain in dB, clipped at full scale.
    public static func scaled(_ samples: [Int16], gainDB: Double) -> [Int16] {
        let g = pow(10, gainDB / 20)
        return samples.map { clip(Double($0) * g) }
    }

    /// The sample-wise sum of `a` and `b` (the longer length), clipped at full scale.
    public static func mix(_ a: [Int16], _ b: [Int16]) -> [Int16] {
        (0..<max(a.count, b.count)).map { i in
            let x = (i < a.count ? Int(a[i]) : 0) + (i < b.count ? Int(b[i]) : 0)
            return Int16(max(-32768, min(32767, x)))
        }
    }

    /// RMS amplitude (sample units) of the component of `samples` at `frequency`,
    /// measured with the Goertzel algorithm over the whole array.
    public static func toneLevel(_ samples: [Int16], frequency: Double, sampleRate: Int) -> Double {
        guard !samples.isEmpty else { return 0 }
        let w = 2 * Double.pi * frequency / Double(sampleRate)
        let coeff = 2 * cos(w)
        var s1 = 0.0, s2 = 0.0
        for x in samples {
            let s0 = Double(x) + coeff * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - coeff * s1 * s2
        // |X(f)| = A·N/2 for a sinusoid of amplitude A; its RMS is A/√2.
        return power.squareRoot() * 2 / Double(samples.count) / 2.squareRoot()
    }
}
