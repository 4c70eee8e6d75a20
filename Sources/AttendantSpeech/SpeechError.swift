/// An error from the speech layer: what failed, and with which input.
public struct SpeechError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        case configuration, modelLoad, decoder, languageModel, synthesis, pronunciation, input
    }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
