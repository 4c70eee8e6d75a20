import CSpanDSP

/// Streaming DTMF detection with spandsp's `dtmf_rx` (8 kHz, 16-bit mono).
///
/// Feed audio in chunks of any size; each call returns the digits whose tones
/// were confirmed in that chunk. Not thread-safe; use one per stream.
public final class DTMFDetector {
    private let state: UnsafeMutablePointer<dtmf_rx_state_t>

    /// Creates a detector with spandsp's default thresholds (dial tone filtering off).
    public init() {
        state = dtmf_rx_init(nil, nil, nil)
    }

    deinit { dtmf_rx_free(state) }

    /// Processes 8 kHz samples and returns digits detected in them, in order.
    /// Allocates only when a digit is found.
    public func process(_ samples: [Int16]) -> [Character] {
        _ = samples.withUnsafeBufferPointer { dtmf_rx(state, $0.baseAddress, Int32($0.count)) }
        var digits: [Character] = []
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            while true {
                let n = dtmf_rx_get(state, buffer.baseAddress, Int32(buffer.count))
                if n == 0 { break }
                for i in 0..<n { digits.append(Character(Unicode.Scalar(UInt8(bitPattern: buffer[i])))) }
            }
        }
        return digits
    }
}
