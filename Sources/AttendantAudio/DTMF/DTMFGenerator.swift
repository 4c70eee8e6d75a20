import CSpanDSP

/// DTMF (touch-tone) generation with spandsp's `dtmf_tx`.
public enum DTMFGenerator {
    /// The 16 DTMF digits in keypad order.
    public static let digits = "123A456B789C*0#D"

    /// Tones for `digits`: each digit is `toneMs` of tone followed by `gapMs` of
    /// silence, the low tone at `level` dBm0 (the high tone equal, no twist).
    /// Letters a–d are accepted as A–D; other characters are skipped. spandsp
    /// generates at 8 kHz; other rates are resampled.
    public static func tones(_ digits: String, sampleRate: Int = 8000, toneMs: Int = 80,
                             gapMs: Int = 80, level: Int = -10) -> PCMBuffer {
        let valid = Array(digits.uppercased().utf8.filter { Self.digits.utf8.contains($0) })
        let transmitter = Transmitter(toneMs: toneMs, gapMs: gapMs, level: level)
        let narrowband = PCMBuffer(samples: transmitter.render(valid), sampleRate: 8000)
        guard sampleRate != 8000 else { return narrowband }
        // Only a non-positive or absurd rate can fail; that yields an empty buffer.
        return (try? Resampler.resample(narrowband, to: sampleRate))
            ?? PCMBuffer(samples: [], sampleRate: sampleRate)
    }
}

/// Owns one spandsp `dtmf_tx_state_t`.
private final class Transmitter {
    private let state: UnsafeMutablePointer<dtmf_tx_state_t>

    init(toneMs: Int, gapMs: Int, level: Int) {
        state = dtmf_tx_init(nil)
        dtmf_tx_set_level(state, Int32(level), 0)
        dtmf_tx_set_timing(state, Int32(max(0, toneMs)), Int32(max(0, gapMs)))
    }

    deinit { dtmf_tx_free(state) }

    func render(_ digits: [UInt8]) -> [Int16] {
        var out = [Int16]()
        var block = [Int16](repeating: 0, count: 1024)
        var next = 0
        while true {
            if next < digits.count {   // spandsp queues at most 128 digits; top up as they play
                let left = digits[next...].withUnsafeBufferPointer { p in   // returns the count not queued
                    p.withMemoryRebound(to: CChar.self) { dtmf_tx_put(state, $0.baseAddress, Int32($0.count)) }
                }
                next = digits.count - Int(left)
            }
            let n = block.withUnsafeMutableBufferPointer { dtmf_tx(state, $0.baseAddress, Int32($0.count)) }
            if n <= 0 && next >= digits.count { break }
            out += block[0..<Int(n)]
        }
        return out
    }
}
