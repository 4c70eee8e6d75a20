/// The one error type of AttendantAudio. The message names the file or component
/// and says exactly what was wrong, e.g.
/// `x.wav: unsupported WAV format 0x0011 (IMA ADPCM); expected PCM 16-bit, u-law or A-law`.
public struct AudioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    public enum Code: Sendable, Equatable {
        /// A file could not be read or written.
        case io
        /// The input is damaged: truncated, inconsistent or not the claimed format.
        case malformed
        /// The input is well formed but uses a feature this library does not handle.
        case unsupported
        /// A caller passed a value outside the accepted range (rate, frame size, …).
        case invalidArgument
        /// A codec or DSP library reported a failure.
        case codec
    }

    /// The failure class.
    public let code: Code
    /// Human-readable description naming the file or component and the problem.
    public let message: String

    /// Creates an error; `message` should start with the file or component name.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
