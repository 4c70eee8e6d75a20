/// A prompt text with `{{variable}}` placeholders: `Your order {{order_id}} ships on {{ship_date}}`.
/// Parsed once when `prompts/` loads, so a missing variable is a `prompts check` error, not
/// a surprise on a call.
public struct Template: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    /// The text as the designer wrote it.
    public let source: String
    let parts: [Part]

    /// Parses `source`; an unclosed `{{` or an empty name is reported through `problem`
    /// and kept as literal text.
    public init(_ source: String, problem: ((String) -> Void)? = nil) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problem?("unclosed `{{` in \"\(source)\"")
                parts.append(.literal(String(rest[open.lowerBound...])))
                rest = rest[rest.endIndex...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                problem?("`{{\(name)}}` in \"\(source)\": a variable name is letters, digits, `_` and `.`")
                parts.append(.literal(String(rest[open.lowerBound..<close.upperBound])))
            } else {
                parts.append(.variable(name))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The variables the template uses, in order of first use.
    public var variables: [String] {
        var seen: Set<String> = []
        return parts.compactMap { part in
            if case .variable(let name) = part, seen.insert(name).inserted { return name }
            return nil
        }
    }

    /// The text with each variable replaced by `value(name)`; an unknown variable is
    /// left out (a caller never hears "curly brace").
    public func render(_ value: (String) -> String?) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .variable(let name): text += value(name) ?? ""
            }
        }
        return text
    }

    public var description: String { source }
}

import Foundation
