/// A transition target as a designer wrote it: `state` (in the same flow) or `flow.state`
/// (`flow` alone means that flow's start state). Resolved against the loaded flows, so
/// a typo is reported at the line that contains it.
public struct StateReference: Sendable, Hashable, CustomStringConvertible {
    public var flow: String
    /// nil: the flow's start state.
    public var state: String?
    public var location: SourceLocation

    public init(flow: String, state: String?, location: SourceLocation) {
        self.flow = flow
        self.state = state
        self.location = location
    }

    /// Parses `text` written inside flow `currentFlow` (nil outside any flow, in
    /// `attendant.yaml`, where a single name is always a flow).
    init(_ text: String, in currentFlow: String?, flows: Set<String>, location: SourceLocation) {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            self.init(flow: parts[0], state: parts[1], location: location)
        } else if let currentFlow, !flows.contains(text) || text == currentFlow {
            self.init(flow: currentFlow, state: text, location: location)
        } else {
            self.init(flow: text, state: nil, location: location)
        }
    }

    public var description: String { state.map { "\(flow).\($0)" } ?? flow }
}

/// A resolved state: the flow and the state's name in it.
public struct StateID: Sendable, Hashable, CustomStringConvertible, Codable {
    public var flow: String
    public var state: String
    public init(flow: String, state: String) {
        self.flow = flow
        self.state = state
    }
    public var description: String { "\(flow).\(state)" }
}
