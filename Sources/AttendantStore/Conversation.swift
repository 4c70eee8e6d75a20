import Foundation

/// One call or chat session, from its first to its last turn.
///
/// The conversation's turns are stored separately (``Turn``) and read with
/// ``ConversationStore/turns(conversationID:)``.
public struct Conversation: Codable, Sendable, Equatable, Identifiable {
    /// Where a conversation came in.
    public enum Channel: String, Codable, Sendable, CaseIterable {
        /// A SIP/RTP phone call.
        case sip
        /// A local sound card (ALSA).
        case alsa
        /// Audio on standard input/output or a named pipe.
        case pipe
        /// Typed text, no audio.
        case chat
        /// A test or benchmark run.
        case test
    }

    /// How a conversation ended.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// The bot handled the request to the end.
        case completed
        /// The conversation was passed to a person (usually with a ticket).
        case handedOff = "handed_off"
        /// The caller hung up or went silent before it was done.
        case abandoned
        /// Something broke (audio, recognizer, engine).
        case failed
    }

    /// A UUID string, chosen by the caller of ``ConversationStore/startConversation(_:)``.
    public var id: String
    /// Where it came in.
    public var channel: Channel
    /// The caller's number or id, when known.
    public var caller: String?
    /// When the conversation started.
    public var startedAt: Date
    /// When it ended; `nil` while it is going on.
    public var endedAt: Date?
    /// How it ended; `nil` while it is going on.
    public var outcome: Outcome?
    /// The dialogue flow's state when the conversation ended (a state name).
    public var finalState: String?
    /// Where the call's recording was written, if it was.
    public var recordingPath: String?

    /// A conversation that starts now (or at `startedAt`) and has not ended.
    public init(id: String = UUID().uuidString, channel: Channel, caller: String? = nil,
                startedAt: Date = Date(), endedAt: Date? = nil, outcome: Outcome? = nil,
                finalState: String? = nil, recordingPath: String? = nil) {
        self.id = id
        self.channel = channel
        self.caller = caller
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.finalState = finalState
        self.recordingPath = recordingPath
    }

    enum CodingKeys: String, CodingKey {
        case id, channel, caller, outcome
        case startedAt = "started_at", endedAt = "ended_at"
        case finalState = "final_state", recordingPath = "recording_path"
    }
}
