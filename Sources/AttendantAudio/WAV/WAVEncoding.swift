/// Sample encoding of a WAV file's data chunk.
public enum WAVEncoding: Sendable {
    /// Linear PCM, 16-bit signed little-endian (format tag 1).
    case pcm16
    /// G.711 u-law, 8 bits per sample (format tag 7).
    case muLaw
    /// G.711 A-law, 8 bits per sample (format tag 6).
    case aLaw
}
