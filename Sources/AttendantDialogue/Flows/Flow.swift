/// One designer flow from `prompts/flows/NAME.yaml`: named states and where it starts.
public struct Flow: Sendable {
    /// The flow's name (the file name without `.yaml` unless `flow:` says otherwise).
    public var name: String
    /// The state a conversation enters when it starts this flow.
    public var start: String
    /// States by name.
    public var states: [String: FlowState]
    /// State names in file order (for listings and stable diagnostics).
    public var order: [String]
    public var location: SourceLocation

    public init(name: String, start: String, states: [String: FlowState], order: [String], location: SourceLocation) {
        self.name = name
        self.start = start
        self.states = states
        self.order = order
        self.location = location
    }
}
