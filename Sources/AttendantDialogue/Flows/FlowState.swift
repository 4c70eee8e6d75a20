/// One state of a flow: what the engine says on entering it, what it then does or waits
/// for, and how it handles silence and not understanding.
public struct FlowState: Sendable {
    /// What a state does after its prompts are said.
    public enum Kind: Sendable {
        /// Waits for the caller and routes by intent (its own `on:` over the global
        /// `routes:`) or DTMF digit; questions no intent claims may be answered from the
        /// knowledge base (`knowledge: true`), then the conversation goes to `afterAnswer`.
        case listen(routes: [String: StateReference], dtmf: [String: StateReference], afterAnswer: StateReference?)
        /// Fills slots one after the other, asking for each one missing or invalid.
        case collect([SlotRequest], next: Transition)
        /// A yes/no question: `say` is the question.
        case confirm(yes: StateReference, no: StateReference)
        /// Calls the business's backend, saves values from its JSON answer, goes on.
        case webhook(WebhookSpec, next: Transition)
        /// Says a knowledge article's answer (a fixed one, or the best match for what the
        /// caller just said when `article` is nil), then goes on.
        case answer(article: String?, next: Transition)
        /// Hands the caller to a person.
        case handoff(HandoffSpec)
        /// Says its prompts and ends the conversation.
        case end
        /// Says its prompts and goes on.
        case proceed(Transition)
    }

    public var id: StateID
    public var location: SourceLocation
    /// Said on entering, in order.
    public var say: [PromptSpec]
    public var kind: Kind
    /// Escalating re-prompts for silence and for not understanding (the last repeats).
    public var noInput: [PromptSpec]
    public var noMatch: [PromptSpec]
    /// Failed attempts allowed in this state before `onMax` (or the handoff policy).
    public var maxAttempts: Int?
    public var onMax: StateReference?
    /// Global intents turned off here (all of them when `allGlobalsOff`).
    public var disabledGlobals: Set<String>
    public var allGlobalsOff: Bool
    /// In a listen state: answer questions no intent claims from the knowledge base.
    public var knowledge: Bool
    /// Variables cleared on entering (to ask for a slot again).
    public var forget: [String] = []

    public init(id: StateID, location: SourceLocation, say: [PromptSpec], kind: Kind, noInput: [PromptSpec] = [],
                noMatch: [PromptSpec] = [], maxAttempts: Int? = nil, onMax: StateReference? = nil,
                disabledGlobals: Set<String> = [], allGlobalsOff: Bool = false, knowledge: Bool = false) {
        self.id = id
        self.location = location
        self.say = say
        self.kind = kind
        self.noInput = noInput
        self.noMatch = noMatch
        self.maxAttempts = maxAttempts
        self.onMax = onMax
        self.disabledGlobals = disabledGlobals
        self.allGlobalsOff = allGlobalsOff
        self.knowledge = knowledge
    }

    /// Whether the conversation waits for the caller in this state.
    public var waitsForCaller: Bool {
        switch kind {
        case .listen, .collect, .confirm: true
        default: false
        }
    }

    /// Every state this one can go to, for reference checks and reachability.
    public var references: [StateReference] {
        var list: [StateReference] = onMax.map { [$0] } ?? []
        switch kind {
        case .listen(let routes, let dtmf, let after):
            list += routes.values.sorted { $0.description < $1.description } + dtmf.values.sorted { $0.description < $1.description }
            if let after { list.append(after) }
        case .collect(_, let next), .webhook(_, let next), .answer(_, let next), .proceed(let next): list += next.references
        case .confirm(let yes, let no): list += [yes, no]
        case .handoff, .end: break
        }
        if case .webhook(let spec, _) = kind, let onError = spec.onError { list.append(onError) }
        return list
    }
}

/// Where a state goes next: one state, or a choice by a variable's value.
public enum Transition: Sendable {
    case go(StateReference)
    case choose(variable: String, cases: [String: StateReference], otherwise: StateReference?, location: SourceLocation)

    var references: [StateReference] {
        switch self {
        case .go(let reference): [reference]
        case .choose(_, let cases, let otherwise, _):
            cases.keys.sorted().compactMap { cases[$0] } + (otherwise.map { [$0] } ?? [])
        }
    }
}

/// One slot a collect state fills.
public struct SlotRequest: Sendable {
    /// The slot type (built-in or from `slots.yaml`); also the variable's name.
    public var slot: String
    public var prompt: [PromptSpec]
    /// Said when the caller gave a value that does not fit (then `prompt` again).
    public var invalid: [PromptSpec]
    public var location: SourceLocation
    public init(slot: String, prompt: [PromptSpec], invalid: [PromptSpec], location: SourceLocation) {
        self.slot = slot
        self.prompt = prompt
        self.invalid = invalid
        self.location = location
    }
}

/// An HTTP call to the business's own backend.
public struct WebhookSpec: Sendable {
    public var method: String
    /// Absolute, or relative to `backend.url` in `attendant.yaml`.
    public var url: Template
    /// JSON body fields (POST/PUT), each a template.
    public var body: [String: Template]
    /// variable ← field of the JSON answer (a dotted path such as `order.ship_date`).
    public var save: [String: String]
    public var timeoutMilliseconds: Int?
    /// Said when the call fails or times out (then `onError`, or on as usual).
    public var fallback: [PromptSpec]
    public var onError: StateReference?
    public var location: SourceLocation
}

/// A handoff to a human agent queue.
public struct HandoffSpec: Sendable, Hashable {
    public var queue: String?
    public var skills: [String]
    public var priority: Int?
    public var reason: String?
    /// What the caller hears (default: the policy's message).
    public var message: [PromptSpec]
    public init(queue: String? = nil, skills: [String] = [], priority: Int? = nil, reason: String? = nil, message: [PromptSpec] = []) {
        self.queue = queue
        self.skills = skills
        self.priority = priority
        self.reason = reason
        self.message = message
    }
}
