/// An intent from `prompts/intents/*.yaml`.
public struct IntentDefinition: Sendable {
    public var name: String
    public var description: String?
    /// How the engine names it when confirming: "check on an order" → "You want to check on an order, is that right?"
    public var confirm: String?
    /// Slots callers may say along with it (filled at once when said).
    public var slots: [String]
    public var examples: [String]
    /// Where each example is, parallel to `examples`.
    public var exampleLocations: [SourceLocation]
    public var location: SourceLocation
}
