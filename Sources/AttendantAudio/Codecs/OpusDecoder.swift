import COpus

/// Opus decoding (libopus) with packet-loss concealment, for 8/12/16/24/48 kHz.
/// Not thread-safe; one per stream.
public final class OpusDecoder {
    /// Output sample rate in Hz.
    public let sampleRate: Int
    /// Interleaved output channel count (1 or 2).
    public let channels: Int

    private let state: OpaquePointer
    private var scratch: [Int16]   // 120 ms, the longest an Opus packet can carry

    /// Creates a decoder producing `sampleRate` Hz, `channels`-channel audio.
    public init(sampleRate: Int, channels: Int = 1) throws(AudioError) {
        guard [8000, 12000, 16000, 24000, 48000].contains(sampleRate) else {
            throw AudioError(.invalidArgument, "OpusDecoder: sample rate \(sampleRate) Hz; expected 8000, 12000, 16000, 24000 or 48000")
        }
        guard channels == 1 || channels == 2 else {
            throw AudioError(.invalidArgument, "OpusDecoder: \(channels) channels; expected 1 or 2")
        }
        var err: Int32 = 0
        guard let st = opus_decoder_create(Int32(sampleRate), Int32(channels), &err), err == OPUS_OK else {
            throw AudioError(.codec, "OpusDecoder: opus_decoder_create failed: \(String(cString: opus_strerror(err)))")
        }
        state = st
        self.sampleRate = sampleRate
        self.channels = channels
        scratch = [Int16](repeating: 0, count: sampleRate * 120 / 1000 * channels)
    }

    deinit { opus_decoder_destroy(state) }

    /// Decodes one packet to interleaved samples.
    public func decode(_ packet: [UInt8]) throws(AudioError) -> [Int16] {
        guard !packet.isEmpty else {
            throw AudioError(.malformed, "OpusDecoder: empty packet (use decodeLoss(frameSize:) for a lost packet)")
        }
        let n = run(packet, frameSize: scratch.count / channels)
        guard n >= 0 else {
            throw AudioError(.malformed, "OpusDecoder: cannot decode \(packet.count)-byte packet: \(String(cString: opus_strerror(Int32(n))))")
        }
        return Array(scratch[0..<(n * channels)])
    }

    /// Conceals one lost packet: returns `frameSize` samples per channel of
    /// extrapolated audio (`frameSize` must be a multiple of 2.5 ms, at most
    /// 120 ms; otherwise silence is returned).
    public func decodeLoss(frameSize: Int) -> [Int16] {
        guard frameSize > 0, frameSize * channels <= scratch.count else {
            return [Int16](repeating: 0, count: max(0, frameSize) * channels)
        }
        let n = run(nil, frameSize: frameSize)
        guard n > 0 else { return [Int16](repeating: 0, count: frameSize * channels) }
        return Array(scratch[0..<(n * channels)])
    }

    private func run(_ packet: [UInt8]?, frameSize: Int) -> Int {
        scratch.withUnsafeMutableBufferPointer { out in
            guard let packet else {
                return Int(opus_decode(state, nil, 0, out.baseAddress!, Int32(frameSize), 0))
            }
            return packet.withUnsafeBufferPointer {
                Int(opus_decode(state, $0.baseAddress, Int32($0.count), out.baseAddress!, Int32(frameSize), 0))
            }
        }
    }
}
