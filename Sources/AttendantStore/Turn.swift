import Foundation

/// One utterance in a conversation: what was said, by whom, and what the engine made
/// of it.
///
/// ``ConversationStore/appendTurn(_:)`` commits a turn in its own transaction, so a
/// crash loses at most the turn in progress.
public struct Turn: Codable, Sendable, Equatable {
    /// Who spoke.
    public enum Speaker: String, Codable, Sendable, CaseIterable {
        /// The person who called or wrote in.
        case caller
        /// Attendant.
        case bot
        /// A human agent after a handoff.
        case agent
    }

    /// How long the steps of a turn took, in milliseconds; any may be unknown.
    public struct Timings: Codable, Sendable, Equatable {
        /// Duration of the caller's speech.
        public var speechMs: Double?
        /// Speech recognition time after the end of speech.
        public var asrMs: Double?
        /// Intent and slot recognition time.
        public var nluMs: Double?
        /// Time to the first audio (or text) of the reply.
        public var replyMs: Double?

        /// Timings with the given fields.
        public init(speechMs: Double? = nil, asrMs: Double? = nil, nluMs: Double? = nil, replyMs: Double? = nil) {
            self.speechMs = speechMs
            self.asrMs = asrMs
            self.nluMs = nluMs
            self.replyMs = replyMs
        }

        enum CodingKeys: String, CodingKey {
            case speechMs = "speech_ms", asrMs = "asr_ms", nluMs = "nlu_ms", replyMs = "reply_ms"
        }
    }

    /// The conversation this turn belongs to.
    public var conversationID: String
    /// Position in the conversation, from 0; unique per conversation (the engine counts).
    public var index: Int
    /// Who spoke.
    public var speaker: Speaker
    /// What was said (recognized text for speech, the reply text for the bot).
    public var text: String
    /// Recognizer confidence, 0…1, for spoken caller turns.
    public var asrConfidence: Double?
    /// The recognized intent's name.
    public var intent: String?
    /// Confidence of ``intent``, 0…1.
    public var intentConfidence: Double?
    /// Slot values recognized in this turn, by slot name.
    public var slots: [String: String]
    /// Sentiment label (e.g. "negative").
    public var sentimentLabel: String?
    /// Sentiment score, as the sentiment model gives it.
    public var sentimentScore: Double?
    /// What the flow did in reply (an action name), if anything.
    public var action: String?
    /// Step durations.
    public var timings: Timings
    /// Where this turn's audio was written, if it was.
    public var audioPath: String?
    /// When the turn was made.
    public var createdAt: Date

    /// A turn with the given fields; unknown analysis fields stay `nil`.
    public init(conversationID: String, index: Int, speaker: Speaker, text: String,
                asrConfidence: Double? = nil, intent: String? = nil, intentConfidence: Double? = nil,
                slots: [String: String] = [:], sentimentLabel: String? = nil, sentimentScore: Double? = nil,
                action: String? = nil, timings: Timings = Timings(), audioPath: String? = nil,
                createdAt: Date = Date()) {
        self.conversationID = conversationID
        self.index = index
        self.speaker = speaker
        self.text = text
        self.asrConfidence = asrConfidence
        self.intent = intent
        self.intentConfidence = intentConfidence
        self.slots = slots
        self.sentimentLabel = sentimentLabel
        self.sentimentScore = sentimentScore
        self.action = action
        self.timings = timings
        self.audioPath = audioPath
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case index, speaker, text, intent, slots, action, timings
        case conversationID = "conversation_id", asrConfidence = "asr_confidence"
        case intentConfidence = "intent_confidence", sentimentLabel = "sentiment_label"
        case sentimentScore = "sentiment_score", audioPath = "audio_path", createdAt = "created_at"
    }
}
