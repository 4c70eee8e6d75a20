/// The engine-wide settings from `prompts/attendant.yaml`: where conversations start,
/// confidence thresholds, the handoff policy, global intents and system messages.
public struct DialogueSettings: Sendable {
    /// What a global intent does wherever it is not turned off.
    public enum GlobalAction: Sendable {
        /// Hand off to a person.
        case handoff(HandoffSpec)
        /// Say the last prompt again.
        case repeatLast
        /// Say something, then the current state's question again.
        case say([PromptSpec])
        /// Go to a state.
        case go(StateReference)
    }

    /// When to hand a caller to a person.
    public struct HandoffPolicy: Sendable {
        public var spec = HandoffSpec(queue: "general")
        /// What the caller hears before the transfer.
        public var message: [PromptSpec] = []
        /// The key that asks for a person in any state (nil: none).
        public var dtmf: String? = "0"
        /// Failed turns in a row (no input, no match, invalid slot) before a handoff.
        public var afterFailedTurns = 3
        /// One utterance at or below this sentiment score hands off.
        public var strongNegative = -0.75
        /// This many negative utterances in a row hand off (0: off).
        public var sustainedNegative = 3
        public init() {}
    }

    /// The texts the engine says on its own.
    public struct Messages: Sendable {
        public var noInput: [PromptSpec] = []
        public var noMatch: [PromptSpec] = []
        /// The intent confirmation question; `{{intent}}` is the intent's `confirm` phrase.
        public var confirmIntent: [PromptSpec] = []
        /// After the caller says the guess was wrong.
        public var confirmDenied: [PromptSpec] = []
        /// When a knowledge answer is not good enough to give.
        public var clarify: [PromptSpec] = []
        /// When a webhook fails and its state gives no fallback.
        public var backendFailed: [PromptSpec] = []
        /// When the flow reaches a state it cannot run (a designer error at run time).
        public var flowError: [PromptSpec] = []
        public init() {}
    }

    public var name = "Attendant"
    public var start: StateReference
    /// Intents routed below this confidence are confirmed first ("You want to …, is that right?").
    public var confirmBelow = 0.6
    /// Intents below this confidence are not acted on (no match, or a knowledge answer).
    public var rejectBelow = 0.3
    /// Knowledge answers below this confidence are not given (ask to clarify instead).
    public var knowledgeThreshold = 0.35
    public var handoff = HandoffPolicy()
    public var globals: [String: GlobalAction] = [:]
    /// intent → state, for every listen state that does not route the intent itself.
    public var routes: [String: StateReference] = [:]
    public var messages = Messages()
    /// Base URL for relative webhook URLs (the environment's `ATTENDANT_BACKEND_URL` wins).
    public var backendURL: String?
    public var webhookTimeoutMilliseconds = 2000

    public init(start: StateReference) { self.start = start }
}
