import Foundation

extension DialogueSession {
    /// States entered in one turn before the engine gives up on a loop in the flows.
    static let maxTransitionsPerTurn = 25

    /// Enters `id` and runs on until a state waits for the caller, hands off or ends.
    mutating func enter(_ id: StateID, _ turn: inout TurnResult) async {
        var next: StateID? = id
        var hops = 0
        while let id = next {
            hops += 1
            guard hops <= Self.maxTransitionsPerTurn else {
                return flowError(&turn, "more than \(Self.maxTransitionsPerTurn) states in one turn (a loop without a question?) at \(id)")
            }
            guard let state = bundle.state(id) else { return flowError(&turn, "unknown state \(id)") }
            current = id
            attemptsInState = 0
            next = nil
            for name in state.forget {
                variables[name] = nil
                spokenVariables[name] = nil
            }
            say(state.say, &turn)
            switch state.kind {
            case .listen, .confirm:
                return
            case .collect(let requests, let transition):
                if requests.contains(where: { variables[$0.slot] == nil }) { return askForSlot(requests, &turn) }
                guard let target = resolve(transition, &turn) else { return }
                next = target
            case .proceed(let transition):
                guard let target = resolve(transition, &turn) else { return }
                next = target
            case .webhook(let spec, let transition):
                if await callWebhook(spec, &turn) {
                    guard let target = resolve(transition, &turn) else { return }
                    next = target
                } else {
                    say(spec.fallback.isEmpty ? settings.messages.backendFailed : spec.fallback, &turn)
                    if let onError = spec.onError {
                        guard let target = bundle.resolve(onError) else { return flowError(&turn, "unknown state \(onError)") }
                        next = target
                    } else {
                        guard let target = resolve(transition, &turn) else { return }
                        next = target
                    }
                }
            case .answer(let articleID, let transition):
                if let articleID {
                    guard let article = bundle.articles.first(where: { $0.id == articleID }) else {
                        return flowError(&turn, "no knowledge article \(articleID)")
                    }
                    return await giveAnswer(article, next: transition, &turn)
                }
                let question = lastUtterance ?? ""
                if let match = searchKnowledge(question) {
                    return await answer(match, next: transition, &turn)
                }
                pending = .clarify(question: question, next: transition)
                say(settings.messages.clarify, &turn)
                return
            case .handoff(let spec):
                return await handoff(spec, reason: spec.reason ?? "flow state \(id)", &turn, alreadyInState: true)
            case .end:
                turn.action = .end
                return
            }
        }
    }

    /// Goes on by `transition` (used after a turn completes a collect state).
    mutating func go(_ transition: Transition, _ turn: inout TurnResult) async {
        guard let target = resolve(transition, &turn) else { return }
        await enter(target, &turn)
    }

    mutating func resolve(_ transition: Transition, _ turn: inout TurnResult) -> StateID? {
        switch transition {
        case .go(let reference):
            if let id = bundle.resolve(reference) { return id }
            flowError(&turn, "unknown state \(reference)")
            return nil
        case .choose(let variable, let cases, let otherwise, _):
            if let value = variables[variable], let reference = cases[value], let id = bundle.resolve(reference) { return id }
            if let otherwise, let id = bundle.resolve(otherwise) { return id }
            flowError(&turn, "no case for \(variable) = \(variables[variable] ?? "(unset)")")
            return nil
        }
    }

    /// Asks for the first slot not yet filled.
    mutating func askForSlot(_ requests: [SlotRequest], _ turn: inout TurnResult) {
        guard let request = requests.first(where: { variables[$0.slot] == nil }) else { return }
        let prompts = !request.prompt.isEmpty ? request.prompt : (bundle.slotPrompts[request.slot] ?? [])
        if prompts.isEmpty {
            flowError(&turn, "no prompt for slot \(request.slot)")
        } else {
            say(prompts, &turn)
        }
    }

    // MARK: knowledge

    /// The best article for `question` in the conversation's context, when good enough.
    func searchKnowledge(_ question: String) -> KnowledgeMatch? {
        let context = knowledgeContext.isEmpty ? nil : KnowledgeContext(previous: knowledgeContext)
        guard let best = model.knowledge.search(question, context: context, limit: 1).first,
              best.confidence >= settings.knowledgeThreshold else { return nil }
        return best
    }

    mutating func answer(_ match: KnowledgeMatch, next: Transition?, _ turn: inout TurnResult) async {
        await giveAnswer(match.article, next: next, &turn)
    }

    /// Says an article's answer (asking first for the slot its variants need), then goes on.
    mutating func giveAnswer(_ article: KnowledgeArticle, next: Transition?, _ turn: inout TurnResult) async {
        for slot in article.variantSlots where variables[slot] == nil {
            if let prompts = bundle.slotPrompts[slot], !prompts.isEmpty {
                pending = .variant(article: article, slot: slot, next: next)
                say(prompts, &turn)
                return
            }
        }
        let answer = article.answer(slots: variables)
        turn.articles.append(article.id)
        answeredArticles.append(article.id)
        knowledgeContext = [article]
        say([PromptSpec(answer.spoken)], &turn, literal: true)
        if let next {
            await go(next, &turn)
        }
    }

    // MARK: webhooks

    /// Calls the backend; on success saves the answer's fields into variables.
    mutating func callWebhook(_ spec: WebhookSpec, _ turn: inout TurnResult) async -> Bool {
        var url = spec.url.render { name in
            self.value(of: name).map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
        }
        if !url.contains("://") {
            let base = model.backendURL ?? ""
            url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + (url.hasPrefix("/") ? url : "/" + url)
        }
        let body = spec.body.mapValues { $0.render { self.value(of: $0) } }
        let request = WebhookRequest(method: spec.method, url: url, body: body,
                                     timeoutMilliseconds: spec.timeoutMilliseconds ?? settings.webhookTimeoutMilliseconds)
        do {
            let answer = try await webhooks.send(request)
            for (variable, field) in spec.save {
                if let value = answer[field] { variables[variable] = value } else { variables[variable] = nil }
                spokenVariables[variable] = nil
            }
            turn.webhooks.append((url, true))
            return true
        } catch {
            turn.webhooks.append((url, false))
            return false
        }
    }

    // MARK: handoff and errors

    /// Hands off by `spec` (nil: the policy's) merged with the policy's defaults.
    mutating func handoff(_ spec: HandoffSpec?, reason: String, _ turn: inout TurnResult, alreadyInState: Bool = false) async {
        let policy = settings.handoff
        let spec = spec ?? policy.spec
        let message = !spec.message.isEmpty ? spec.message : policy.message
        say(message, &turn)
        pending = nil
        turn.action = .handoff
        turn.handoff = HandoffRequest(queue: spec.queue ?? policy.spec.queue ?? "general",
                                      skills: spec.skills.isEmpty ? policy.spec.skills : spec.skills,
                                      priority: spec.priority ?? policy.spec.priority ?? 1, reason: reason)
    }

    /// A designer error found at run time: say so, and hand off so the caller is not stranded.
    mutating func flowError(_ turn: inout TurnResult, _ problem: String) {
        say(settings.messages.flowError, &turn)
        pending = nil
        turn.action = .handoff
        turn.handoff = HandoffRequest(queue: settings.handoff.spec.queue ?? "general", skills: [], priority: 1,
                                      reason: "flow error: \(problem)")
    }

    // MARK: saying

    /// The value of a template variable.
    func value(of name: String) -> String? {
        switch name {
        case "caller": return caller
        case "intent": return lastIntent
        case "state": return current?.description
        default: return variables[name]
        }
    }

    /// Renders and appends `prompts` to the turn's reply.
    mutating func say(_ prompts: [PromptSpec], _ turn: inout TurnResult, extra: [String: String] = [:], literal: Bool = false) {
        for prompt in prompts {
            let text = literal ? prompt.text.source : prompt.text.render { extra[$0] ?? self.value(of: $0) }
            let spoken = literal ? text : prompt.text.render { extra[$0] ?? self.spokenVariables[$0] ?? self.value(of: $0) }
            let ssml = prompt.ssml?.render { extra[$0] ?? self.spokenVariables[$0] ?? self.value(of: $0) }
            let audio = prompt.audio.map { bundle.directory.appendingPathComponent($0).path }
            turn.reply.append(ReplySegment(text: text, spoken: spoken, ssml: ssml, audio: audio, bargeIn: prompt.bargeIn))
        }
    }
}
