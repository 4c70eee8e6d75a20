/// Why the intent classifier or its evaluation could not work with what it was given.
public struct NLUError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, in words a designer or operator can act on.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
