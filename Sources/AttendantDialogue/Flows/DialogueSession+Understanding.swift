import Foundation

extension DialogueSession {
    /// Reserved route keys of listen states: the caller answered yes or no.
    static let yesRoute = "yes"
    static let noRoute = "no"

    mutating func handleUtterance(_ text: String, prediction: IntentPrediction, reference: Date, _ turn: inout TurnResult) async {
        let entities = model.extractor.extract(from: text, reference: reference)
        let sentiment = model.sentiment.analyze(text)
        turn.intent = prediction
        turn.entities = entities
        turn.sentiment = sentiment
        sentiments.append(sentiment)
        lastUtterance = text
        captureDesignerSlots(entities)

        // Sentiment policy: one very negative utterance, or several negative ones in a row.
        let policy = settings.handoff
        negativeInRow = sentiment.label == .negative ? negativeInRow + 1 : 0
        if sentiment.score <= policy.strongNegative {
            return await handoff(nil, reason: "the caller is upset", &turn)
        }
        if policy.sustainedNegative > 0, negativeInRow >= policy.sustainedNegative {
            return await handoff(nil, reason: "the caller stayed unhappy for \(negativeInRow) turns", &turn)
        }

        let intent = prediction.intent.flatMap { prediction.confidence >= settings.rejectBelow ? $0 : nil }
        let confident = intent != nil && prediction.confidence >= settings.confirmBelow
        let yesNo = entities.first { $0.slot == "yes_no" }?.value

        // A question the engine asked: confirmation, a variant's slot, a clarification.
        if let question = pending {
            pending = nil
            switch question {
            case .intent(let name, let target, let heard):
                if yesNo == "yes" {
                    succeed()
                    lastIntent = name
                    fill(from: heard, for: name)
                    return await enter(target, &turn)
                }
                if yesNo == "no" {
                    // "No, I want to cancel it" names what the caller wants instead.
                    if let intent, confident, intent != name, settings.globals[intent] == nil,
                       let target = settings.routes[intent], let id = bundle.resolve(target) {
                        return await route(intent, to: id, confident: true, entities: entities, &turn)
                    }
                    succeed()
                    say(settings.messages.confirmDenied, &turn)
                    return
                }
                if !confident {
                    pending = question
                    return await fail(&turn, silence: false)
                }
            case .variant(let article, let slot, let next):
                if let value = variables[slot] ?? entities.first(where: { $0.slot == slot })?.value {
                    succeed()
                    variables[slot] = value
                    return await giveAnswer(article, next: next, &turn)
                }
                if !confident {
                    pending = question
                    return await fail(&turn, silence: false)
                }
            case .clarify(let asked, let next):
                if !confident, let match = searchKnowledge("\(asked) \(text)") ?? searchKnowledge(text) {
                    succeed()
                    return await answer(match, next: next, &turn)
                }
                if !confident {
                    pending = question
                    return await fail(&turn, silence: false)
                }
            }
        }

        // Global intents, unless the state turns them off.
        if let intent, confident, let action = settings.globals[intent], globalAllowed(intent) {
            succeed()
            return await runGlobal(intent, action, &turn)
        }

        guard let state else { return flowError(&turn, "no current state") }
        switch state.kind {
        case .listen(let routes, _, _):
            if let yesNo, !confident || intent == nil, let target = routes[yesNo == "yes" ? Self.yesRoute : Self.noRoute],
               let id = bundle.resolve(target) {
                succeed()
                return await enter(id, &turn)
            }
            if let intent, let target = routes[intent] ?? settings.routes[intent], let id = bundle.resolve(target) {
                return await route(intent, to: id, confident: confident, entities: entities, &turn)
            }
            if state.knowledge, let match = searchKnowledge(text) {
                succeed()
                let after: Transition? = {
                    if case .listen(_, _, let after) = state.kind, let after { return .go(after) }
                    return nil
                }()
                return await answer(match, next: after, &turn)
            }
            await fail(&turn, silence: false)

        case .collect(let requests, let next):
            guard let request = requests.first(where: { variables[$0.slot] == nil }) else {
                return await go(next, &turn)
            }
            if let entity = entities.first(where: { $0.slot == request.slot }) {
                succeed()
                setVariable(entity)
                if requests.contains(where: { variables[$0.slot] == nil }) {
                    return askForSlot(requests, &turn)
                }
                return await go(next, &turn)
            }
            if let intent, confident, intent == lastIntent {
                // The caller repeated the request instead of answering: ask again, kindly.
                return askForSlot(requests, &turn)
            }
            if let intent, confident, let target = settings.routes[intent], let id = bundle.resolve(target) {
                // The caller changed the subject ("actually, I want to return something").
                return await route(intent, to: id, confident: true, entities: entities, &turn)
            }
            let heardSomethingLikeIt = entities.contains { ["number", "phone"].contains($0.slot) }
            await fail(&turn, silence: false, invalid: heardSomethingLikeIt ? request : nil)

        case .confirm(let yes, let no):
            if yesNo == "no", let intent, confident, intent != lastIntent, settings.globals[intent] == nil,
               let target = settings.routes[intent], let id = bundle.resolve(target) {
                // "No, actually I want to return it": the caller named another topic.
                return await route(intent, to: id, confident: true, entities: entities, &turn)
            }
            if let yesNo, let id = bundle.resolve(yesNo == "yes" ? yes : no) {
                succeed()
                return await enter(id, &turn)
            }
            if let intent, confident, let target = settings.routes[intent], let id = bundle.resolve(target) {
                return await route(intent, to: id, confident: true, entities: entities, &turn)
            }
            await fail(&turn, silence: false)

        default:
            flowError(&turn, "state \(state.id) does not wait for the caller")
        }
    }

    mutating func handleDTMF(_ keys: String, _ turn: inout TurnResult) async {
        let keys = keys.filter { "0123456789*#ABCD".contains($0) }
        if let key = settings.handoff.dtmf, keys == key, !(state?.allGlobalsOff ?? false) {
            succeed()
            return await handoff(nil, reason: "the caller pressed \(key) for a person", &turn)
        }
        guard let state else { return flowError(&turn, "no current state") }
        if case .intent(_, let target, let heard) = pending, keys == "1" {
            pending = nil
            succeed()
            fill(from: heard, for: nil)
            return await enter(target, &turn)
        }
        switch state.kind {
        case .listen(_, let dtmf, _):
            if let target = dtmf[keys], let id = bundle.resolve(target) {
                succeed()
                return await enter(id, &turn)
            }
        case .collect(let requests, let next):
            let digits = keys.filter(\.isNumber)
            if let request = requests.first(where: { variables[$0.slot] == nil }), !digits.isEmpty {
                if let entity = model.extractor.extract(from: digits, types: [request.slot]).first {
                    succeed()
                    setVariable(entity)
                    if requests.contains(where: { variables[$0.slot] == nil }) { return askForSlot(requests, &turn) }
                    return await go(next, &turn)
                }
                return await fail(&turn, silence: false, invalid: request)
            }
        case .confirm(let yes, let no):
            if keys == "1" || keys == "2", let id = bundle.resolve(keys == "1" ? yes : no) {
                succeed()
                return await enter(id, &turn)
            }
        default: break
        }
        await fail(&turn, silence: false)
    }

    /// Acts on a routed intent: at once when confident, else asks to confirm it.
    mutating func route(_ intent: String, to id: StateID, confident: Bool, entities: [Entity], _ turn: inout TurnResult) async {
        succeed()
        guard confident else {
            pending = .intent(name: intent, target: id, entities: entities)
            let phrase = bundle.intents[intent]?.confirm ?? bundle.intents[intent]?.description ?? intent.replacingOccurrences(of: "_", with: " ")
            say(settings.messages.confirmIntent, &turn, extra: ["intent": phrase])
            turn.action = .confirm
            return
        }
        lastIntent = intent
        fill(from: entities, for: intent)
        await enter(id, &turn)
    }

    func globalAllowed(_ intent: String) -> Bool {
        guard let state else { return true }
        return !state.allGlobalsOff && !state.disabledGlobals.contains(intent)
    }

    mutating func runGlobal(_ intent: String, _ action: DialogueSettings.GlobalAction, _ turn: inout TurnResult) async {
        switch action {
        case .handoff(let spec):
            await handoff(spec, reason: spec.reason ?? "the caller asked: \(intent.replacingOccurrences(of: "_", with: " "))", &turn)
        case .repeatLast:
            turn.reply = lastReply
        case .say(let prompts):
            say(prompts, &turn)
            reprompt(&turn)
        case .go(let target):
            if let id = bundle.resolve(target) { await enter(id, &turn) } else { flowError(&turn, "unknown state \(target)") }
        }
    }

    /// Silence or not understood: escalate, and after too many hand off (or `on_max`).
    mutating func fail(_ turn: inout TurnResult, silence: Bool, invalid: SlotRequest? = nil) async {
        failuresInRow += 1
        attemptsInState += 1
        let state = self.state
        if let state, let max = state.maxAttempts, attemptsInState >= max {
            if let onMax = state.onMax, let id = bundle.resolve(onMax) { return await enter(id, &turn) }
            return await handoff(nil, reason: silence ? "no input \(attemptsInState) times" : "not understood \(attemptsInState) times", &turn)
        }
        if failuresInRow >= settings.handoff.afterFailedTurns {
            return await handoff(nil, reason: silence ? "no input \(failuresInRow) times in a row" : "not understood \(failuresInRow) times in a row", &turn)
        }
        if let invalid, !invalid.invalid.isEmpty {
            say([escalate(invalid.invalid)], &turn)
            return
        }
        let own = silence ? (state?.noInput ?? []) : (state?.noMatch ?? [])
        if !own.isEmpty {
            say([escalate(own)], &turn)
            if pending != nil { reprompt(&turn) }
            return
        }
        say([escalate(silence ? settings.messages.noInput : settings.messages.noMatch)], &turn)
        reprompt(&turn)
    }

    func escalate(_ prompts: [PromptSpec]) -> PromptSpec {
        prompts[min(max(attemptsInState, failuresInRow) - 1, prompts.count - 1)]
    }

    mutating func succeed() {
        failuresInRow = 0
    }

    /// Says the question the caller is expected to answer again.
    mutating func reprompt(_ turn: inout TurnResult) {
        switch pending {
        case .intent(let name, _, _):
            let phrase = bundle.intents[name]?.confirm ?? name.replacingOccurrences(of: "_", with: " ")
            say(settings.messages.confirmIntent, &turn, extra: ["intent": phrase])
            turn.action = .confirm
            return
        case .variant(_, let slot, _):
            say(bundle.slotPrompts[slot] ?? [], &turn)
            return
        case .clarify:
            say(settings.messages.clarify, &turn)
            return
        case nil: break
        }
        guard let state else { return }
        if case .collect(let requests, _) = state.kind {
            askForSlot(requests, &turn)
        } else {
            say(state.say, &turn)
        }
    }

    /// Designer slots (order numbers, devices) are kept whenever the caller says them.
    mutating func captureDesignerSlots(_ entities: [Entity]) {
        for entity in entities where SlotType.builtIn.allSatisfy({ $0.name != entity.slot }) {
            setVariable(entity)
        }
    }

    /// Fills the slots an intent carries from what was heard with it.
    mutating func fill(from entities: [Entity], for intent: String?) {
        let slots = Set(intent.flatMap { bundle.intents[$0]?.slots } ?? [])
        for entity in entities where slots.contains(entity.slot) || SlotType.builtIn.allSatisfy({ $0.name != entity.slot }) {
            setVariable(entity)
        }
    }

    mutating func setVariable(_ entity: Entity) {
        variables[entity.slot] = entity.value
        spokenVariables[entity.slot] = entity.spoken
    }
}
