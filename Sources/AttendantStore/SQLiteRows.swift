import Foundation
import GRDB

/// Reading stored rows back into records, and the JSON and time conventions of the
/// SQLite schema. Nothing here traps on a damaged or hand-edited file: every failure
/// is a ``StoreError/Code/corruptRecord(_:)`` naming the table and row.
enum SQLiteRows {
    static let turnColumns = """
        turn.conversation_id, turn.turn_index, turn.speaker, turn.text, turn.asr_confidence, turn.intent,
        turn.intent_confidence, turn.slots, turn.sentiment_label, turn.sentiment_score, turn.action,
        turn.speech_ms, turn.asr_ms, turn.nlu_ms, turn.reply_ms, turn.audio_path, turn.created_at
        """
    static let ticketColumns = """
        id, conversation_id, status, priority, queue, required_skills, customer, assignee, summary,
        created_at, updated_at
        """
    static let conversationColumns = """
        id, channel, caller, started_at, ended_at, outcome, final_state, recording_path
        """
    static let eventColumns = "id, ticket_id, at, kind, actor, detail"

    // MARK: time and JSON

    // Times are Unix seconds in a REAL: a Date read back can differ from the one written
    // by well under a microsecond. Records the store timestamps itself are built from
    // the stored number, so they equal what a later read returns.
    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970 }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let text = String(data: try encoder.encode(value), encoding: .utf8) else {
            throw StoreError(.invalidArgument("JSON"), "could not encode \(T.self) as JSON")
        }
        return text
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, _ what: @autoclosure () -> String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptRecord(what()), "\(what()): stored JSON is not a valid \(T.self)")
        }
    }

    // MARK: column access

    static func value<V: DatabaseValueConvertible>(_ row: Row, _ column: String, _ what: @autoclosure () -> String) throws -> V {
        do { return try row.decode(V.self, forColumn: column) } catch {
            throw StoreError(.corruptRecord(what()), "\(what()): column \(column) holds an unexpected value")
        }
    }

    static func optional<V: DatabaseValueConvertible>(_ row: Row, _ column: String, _ what: @autoclosure () -> String) throws -> V? {
        do { return try row.decode(V?.self, forColumn: column) } catch {
            throw StoreError(.corruptRecord(what()), "\(what()): column \(column) holds an unexpected value")
        }
    }

    static func enumeration<E: RawRepresentable>(_ row: Row, _ column: String, _ what: @autoclosure () -> String) throws -> E
    where E.RawValue == String {
        let raw: String = try value(row, column, what())
        guard let value = E(rawValue: raw) else {
            throw StoreError(.corruptRecord(what()), "\(what()): unknown \(column) '\(raw)'")
        }
        return value
    }

    static func optionalEnumeration<E: RawRepresentable>(_ row: Row, _ column: String, _ what: @autoclosure () -> String) throws -> E?
    where E.RawValue == String {
        guard let raw: String = try optional(row, column, what()) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw StoreError(.corruptRecord(what()), "\(what()): unknown \(column) '\(raw)'")
        }
        return value
    }

    // MARK: records

    static func conversation(_ row: Row) throws -> Conversation {
        let id: String = try value(row, "id", "conversation")
        let what = "conversation \(id)"
        return Conversation(
            id: id,
            channel: try enumeration(row, "channel", what),
            caller: try optional(row, "caller", what),
            startedAt: date(try value(row, "started_at", what)),
            endedAt: try optional(row, "ended_at", what).map(date),
            outcome: try optionalEnumeration(row, "outcome", what),
            finalState: try optional(row, "final_state", what),
            recordingPath: try optional(row, "recording_path", what))
    }

    static func turn(_ row: Row) throws -> Turn {
        let conversationID: String = try value(row, "conversation_id", "turn")
        let index: Int = try value(row, "turn_index", "turn of conversation \(conversationID)")
        let what = "turn \(index) of conversation \(conversationID)"
        return Turn(
            conversationID: conversationID,
            index: index,
            speaker: try enumeration(row, "speaker", what),
            text: try value(row, "text", what),
            asrConfidence: try optional(row, "asr_confidence", what),
            intent: try optional(row, "intent", what),
            intentConfidence: try optional(row, "intent_confidence", what),
            slots: try decodeJSON([String: String].self, try value(row, "slots", what), what),
            sentimentLabel: try optional(row, "sentiment_label", what),
            sentimentScore: try optional(row, "sentiment_score", what),
            action: try optional(row, "action", what),
            timings: Turn.Timings(
                speechMs: try optional(row, "speech_ms", what), asrMs: try optional(row, "asr_ms", what),
                nluMs: try optional(row, "nlu_ms", what), replyMs: try optional(row, "reply_ms", what)),
            audioPath: try optional(row, "audio_path", what),
            createdAt: date(try value(row, "created_at", what)))
    }

    static func ticket(_ row: Row) throws -> Ticket {
        let id: Int64 = try value(row, "id", "ticket")
        let what = "ticket \(Ticket.displayID(id))"
        return Ticket(
            id: id,
            conversationID: try value(row, "conversation_id", what),
            status: try enumeration(row, "status", what),
            priority: try value(row, "priority", what),
            queue: try value(row, "queue", what),
            requiredSkills: try decodeJSON([String].self, try value(row, "required_skills", what), what),
            customer: try optional(row, "customer", what),
            assignee: try optional(row, "assignee", what),
            summary: try decodeJSON(Ticket.Summary.self, try value(row, "summary", what), what),
            createdAt: date(try value(row, "created_at", what)),
            updatedAt: date(try value(row, "updated_at", what)))
    }

    static func event(_ row: Row) throws -> TicketEvent {
        let id: Int64 = try value(row, "id", "ticket event")
        let what = "ticket event \(id)"
        return TicketEvent(
            id: id,
            ticketID: try value(row, "ticket_id", what),
            at: date(try value(row, "at", what)),
            kind: try enumeration(row, "kind", what),
            actor: try value(row, "actor", what),
            detail: try value(row, "detail", what))
    }
}
