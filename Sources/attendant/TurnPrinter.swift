import AttendantDialogue
import Foundation

/// The human-readable form of a turn, shared by `pipe`, `chat` and `test`.
enum TurnPrinter {
    static func describe(_ result: TurnResult, asrConfidence: Double?, ticket: String?) -> String {
        var lines: [String] = []
        let heard: String = switch result.input {
        case .speech(let text, _, _)?, .text(let text)?: "\"\(text)\""
        case .dtmf(let keys)?: "[keys \(keys)]"
        case .noInput?: "[no input]"
        case nil: ""
        }
        lines.append("caller: \(heard)" + (asrConfidence.map { String(format: "   (asr %.2f)", $0) } ?? ""))
        var understood: [String] = []
        if let intent = result.intent {
            understood.append("intent \(intent.intent ?? "out of scope") \(String(format: "%.2f", intent.confidence))")
        }
        if !result.entities.isEmpty {
            understood.append("slots " + result.entities.map { "\($0.slot)=\($0.value)" }.joined(separator: " "))
        }
        if let sentiment = result.sentiment {
            understood.append("sentiment \(sentiment.label.rawValue) \(String(format: "%+.2f", sentiment.score))")
        }
        if !result.articles.isEmpty { understood.append("answered " + result.articles.joined(separator: ", ")) }
        if !understood.isEmpty { lines.append("        " + understood.joined(separator: " · ")) }
        lines.append("bot:    \(result.replyText)")
        var action = "        → \(result.action.rawValue)"
        if let handoff = result.handoff { action += " to \(handoff.queue) (\(handoff.reason))" }
        if let ticket { action += ", ticket \(ticket)" }
        if let state = result.state, result.action == .continue || result.action == .confirm { action += "   [\(state)]" }
        lines.append(action)
        return lines.joined(separator: "\n")
    }
}
