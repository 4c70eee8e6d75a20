import Foundation

/// The checks that need every file loaded: references to states, intents, slots and
/// articles that exist nowhere, states no conversation can reach, recorded prompts that
/// are missing, example phrases claimed by two intents, template variables nothing fills.
struct PromptsValidator {
    let bundle: PromptsBundle

    /// Variables the engine fills by itself, usable in any template.
    static let engineVariables: Set<String> = ["caller", "intent", "ticket", "name", "state"]

    func check() -> [PromptDiagnostic] {
        var problems: [PromptDiagnostic] = []
        let settings = bundle.settings
        let intentNames = Set(bundle.intents.keys)

        func checkReference(_ reference: StateReference, _ what: String) {
            guard bundle.flows[reference.flow] != nil else {
                let suggestion = YAMLReader.closest(reference.flow, in: bundle.flows.keys).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(reference.location.diagnostic("\(what): unknown flow `\(reference.flow)`\(suggestion)"))
                return
            }
            if bundle.resolve(reference) == nil {
                let known = bundle.flows[reference.flow]!.states.keys
                let suggestion = YAMLReader.closest(reference.state ?? "", in: known).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(reference.location.diagnostic("\(what): unknown state `\(reference)`\(suggestion)"))
            }
        }
        func checkIntent(_ name: String, _ location: SourceLocation, _ what: String) {
            if !intentNames.contains(name) {
                let suggestion = YAMLReader.closest(name, in: intentNames).map { " (did you mean `\($0)`?)" } ?? ""
                problems.append(location.diagnostic("\(what): unknown intent `\(name)`\(suggestion)"))
            }
        }

        if !bundle.flows.isEmpty || !bundle.diagnostics.contains(where: { $0.file.hasSuffix("attendant.yaml") }) {
            checkReference(settings.start, "start")
        }
        if bundle.flows.isEmpty {
            problems.append(PromptDiagnostic(file: bundle.directory.appendingPathComponent("flows").path,
                                             message: "no flows: add flows/main.yaml"))
        }
        for (intent, target) in settings.routes.sorted(by: { $0.key < $1.key }) {
            checkIntent(intent, target.location, "routes")
            checkReference(target, "routes.\(intent)")
        }
        for (intent, action) in settings.globals.sorted(by: { $0.key < $1.key }) {
            if !intentNames.contains(intent) {
                problems.append(PromptDiagnostic(file: settings.start.location.file, severity: .warning,
                                                 message: "global.\(intent): no intent `\(intent)` is defined, so callers cannot trigger it"))
            }
            if case .go(let target) = action { checkReference(target, "global.\(intent)") }
        }

        // States: references, intents, slots, articles, audio.
        let articleIDs = Set(bundle.articles.map(\.id))
        for flow in bundle.flows.values.sorted(by: { $0.name < $1.name }) {
            for name in flow.order {
                guard let state = flow.states[name] else { continue }
                let what = "state \(name)"
                for reference in state.references { checkReference(reference, what) }
                switch state.kind {
                case .listen(let routes, _, _):
                    for (intent, target) in routes.sorted(by: { $0.key < $1.key }) where intent != "yes" && intent != "no" {
                        checkIntent(intent, target.location, "\(what).on")
                    }
                case .collect(let requests, _):
                    for request in requests where bundle.slotTypes[request.slot] == nil {
                        problems.append(request.location.diagnostic("\(what).collect: unknown slot type `\(request.slot)` (define it in slots.yaml)"))
                    }
                case .answer(let article, _):
                    if let article, !articleIDs.contains(article) {
                        let suggestion = YAMLReader.closest(article, in: articleIDs).map { " (did you mean `\($0)`?)" } ?? ""
                        problems.append(state.location.diagnostic("\(what).answer: no knowledge article `\(article)`\(suggestion)"))
                    }
                    if article == nil, bundle.articles.isEmpty {
                        problems.append(state.location.diagnostic("\(what).answer: there are no knowledge articles to answer from"))
                    }
                default: break
                }
            }
        }
        for intent in bundle.intents.values.sorted(by: { $0.name < $1.name }) {
            for slot in intent.slots where bundle.slotTypes[slot] == nil {
                problems.append(intent.location.diagnostic("intent \(intent.name).slots: unknown slot type `\(slot)`"))
            }
        }
        for article in bundle.articles {
            for slot in article.variantSlots where bundle.slotTypes[slot] == nil {
                problems.append(PromptDiagnostic(file: article.file, line: article.line,
                                                 message: "article \(article.id).variants: unknown slot type `\(slot)`"))
            }
        }
        problems += checkPrompts()
        problems += checkExamples()
        problems += unreachableStates()
        return problems
    }

    /// Every prompt with where it is and which variables are available there.
    func allPrompts() -> [PromptSpec] {
        var list: [PromptSpec] = []
        let settings = bundle.settings
        let messages = settings.messages
        list += messages.noInput + messages.noMatch + messages.confirmIntent + messages.confirmDenied
        list += messages.clarify + messages.backendFailed + messages.flowError + settings.handoff.message
        for action in settings.globals.values {
            if case .say(let prompts) = action { list += prompts }
            if case .handoff(let spec) = action { list += spec.message }
        }
        list += bundle.slotPrompts.values.flatMap { $0 }
        for flow in bundle.flows.values {
            for state in flow.states.values {
                list += state.say + state.noInput + state.noMatch
                switch state.kind {
                case .collect(let requests, _): list += requests.flatMap { $0.prompt + $0.invalid }
                case .webhook(let spec, _): list += spec.fallback
                case .handoff(let spec): list += spec.message
                default: break
                }
            }
        }
        return list
    }

    /// Variables some part of the bundle fills: slots (collected or carried by intents),
    /// webhook results, the engine's own.
    func filledVariables() -> Set<String> {
        var names = Self.engineVariables
        for intent in bundle.intents.values { names.formUnion(intent.slots) }
        for flow in bundle.flows.values {
            for state in flow.states.values {
                switch state.kind {
                case .collect(let requests, _): names.formUnion(requests.map(\.slot))
                case .webhook(let spec, _): names.formUnion(spec.save.keys)
                default: break
                }
            }
        }
        return names
    }

    func checkPrompts() -> [PromptDiagnostic] {
        var problems: [PromptDiagnostic] = []
        let filled = filledVariables()
        var webhookTemplates: [(Template, SourceLocation)] = []
        for flow in bundle.flows.values {
            for state in flow.states.values {
                if case .webhook(let spec, _) = state.kind {
                    webhookTemplates += [(spec.url, spec.location)] + spec.body.values.map { ($0, spec.location) }
                }
            }
        }
        let fallbackLocation = SourceLocation(file: bundle.settings.start.location.file, line: 0, column: 0)
        for prompt in allPrompts() {
            let location = prompt.location ?? fallbackLocation
            for variable in prompt.templates.flatMap(\.variables) where !filled.contains(variable) && variable != "intent" {
                problems.append(location.diagnostic("template variable `{{\(variable)}}` is never filled (no slot, webhook `save:` or engine variable of that name)"))
            }
            if let audio = prompt.audio {
                let url = bundle.directory.appendingPathComponent(audio)
                if !FileManager.default.fileExists(atPath: url.path) {
                    problems.append(location.diagnostic("audio file `\(audio)` not found in \(bundle.directory.path)"))
                } else if !audio.lowercased().hasSuffix(".wav") {
                    problems.append(location.diagnostic("audio file `\(audio)`: expected a .wav file"))
                }
            }
        }
        for (template, location) in webhookTemplates {
            for variable in template.variables where !filled.contains(variable) {
                problems.append(location.diagnostic("webhook: template variable `{{\(variable)}}` is never filled"))
            }
        }
        // Reported once per place.
        var seen: Set<PromptDiagnostic> = []
        return problems.filter { seen.insert($0).inserted }
    }

    /// An example phrase (compared without case and punctuation) under two intents.
    func checkExamples() -> [PromptDiagnostic] {
        var owner: [String: (intent: String, location: SourceLocation)] = [:]
        var problems: [PromptDiagnostic] = []
        for intent in bundle.intents.values.sorted(by: { $0.name < $1.name }) {
            for (index, example) in intent.examples.enumerated() {
                let key = Self.normalize(example)
                let location = index < intent.exampleLocations.count ? intent.exampleLocations[index] : intent.location
                if key.isEmpty {
                    problems.append(location.diagnostic("intent \(intent.name): empty example phrase"))
                } else if let first = owner[key], first.intent != intent.name {
                    problems.append(location.diagnostic("example \"\(example)\" is claimed by two intents: `\(intent.name)` and `\(first.intent)` (\(first.location.file):\(first.location.line))"))
                } else if owner[key] == nil {
                    owner[key] = (intent.name, location)
                }
            }
        }
        return problems
    }

    static func normalize(_ text: String) -> String {
        let characters: [Character] = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(characters).split(separator: " ").joined(separator: " ")
    }

    /// States no path from the start, the routes or the global intents leads to.
    func unreachableStates() -> [PromptDiagnostic] {
        var pending: [StateID] = []
        if let start = bundle.startState { pending.append(start) }
        pending += bundle.settings.routes.values.compactMap(bundle.resolve)
        for action in bundle.settings.globals.values {
            if case .go(let target) = action, let id = bundle.resolve(target) { pending.append(id) }
        }
        var reached: Set<StateID> = []
        while let id = pending.popLast() {
            guard reached.insert(id).inserted, let state = bundle.state(id) else { continue }
            pending += state.references.compactMap(bundle.resolve)
        }
        var problems: [PromptDiagnostic] = []
        for flow in bundle.flows.values.sorted(by: { $0.name < $1.name }) {
            for name in flow.order where !reached.contains(StateID(flow: flow.name, state: name)) {
                if let state = flow.states[name] {
                    problems.append(state.location.diagnostic("state `\(flow.name).\(name)` is unreachable: no transition, route or global intent leads to it", severity: .warning))
                }
            }
        }
        return problems
    }
}
