import Foundation
import Yams

extension PromptsBundle.Loader {
    static let stateKeys: Set<String> = [
        "say", "barge_in", "listen", "on", "dtmf", "knowledge", "after_answer", "collect", "confirm", "webhook",
        "answer", "handoff", "end", "next", "switch", "cases", "default", "no_input", "no_match", "max_attempts",
        "on_max", "disable_global", "forget",
    ]
    static let kindKeys = ["listen", "on", "collect", "confirm", "webhook", "answer", "handoff", "end"]

    /// Parses `flows/NAME.yaml`.
    mutating func loadFlow(_ file: String) -> Flow? {
        guard let (reader, root) = reader(for: file, required: true) else { return nil }
        let flows = flowNames
        let fileName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        defer { diagnostics += reader.diagnostics }
        do {
            reader.checkKeys(root, ["flow", "start", "states"], file)
            let name = reader.string(root.field("flow"), "flow") ?? fileName
            if name != fileName {
                reader.error(root.field("flow"), "flow: `\(name)` differs from the file name `\(fileName)`; name the file \(name).yaml")
            }
            let entries = reader.mapping(root.field("states"), "states")
            if entries.isEmpty { reader.error(root, "a flow needs `states:` with at least one state") }
            var states: [String: FlowState] = [:]
            for entry in entries {
                if !Self.isName(entry.key) { reader.error(entry.keyNode, "state `\(entry.key)`: a name is lower_snake_case letters, digits and _") }
                if entry.key.contains(".") { continue }
                let id = StateID(flow: name, state: entry.key)
                if let state = flowState(reader, id, keyNode: entry.keyNode, entry.value, flows: flows) { states[entry.key] = state }
            }
            let start = reader.string(root.field("start"), "start") ?? entries.first?.key ?? ""
            if root.field("start") != nil, states[start] == nil, entries.contains(where: { $0.key == start }) == false {
                reader.error(root.field("start"), "start: no state `\(start)` in this flow")
            }
            return Flow(name: name, start: start, states: states, order: entries.map(\.key), location: reader.location(root))
        }
    }

    func flowState(_ reader: YAMLReader, _ id: StateID, keyNode: Node, _ node: Node, flows: Set<String>) -> FlowState? {
        let what = "state \(id.state)"
        guard case .mapping = node else {
            reader.error(node, "\(what): expected a mapping (say:, then what the state does)")
            return nil
        }
        reader.checkKeys(node, Self.stateKeys, what)
        func reference(_ key: String) -> StateReference? {
            guard let target = node.field(key), let text = reader.string(target, "\(what).\(key)") else { return nil }
            return StateReference(text, in: id.flow, flows: flows, location: reader.location(target))
        }
        func references(_ key: String) -> [String: StateReference] {
            var map: [String: StateReference] = [:]
            for entry in reader.mapping(node.field(key), "\(what).\(key)") {
                guard let text = reader.string(entry.value, "\(what).\(key).\(entry.key)") else { continue }
                map[entry.key] = StateReference(text, in: id.flow, flows: flows, location: reader.location(entry.value))
            }
            return map
        }
        func transition() -> Transition? {
            if let variable = node.field("switch") {
                guard let name = reader.string(variable, "\(what).switch") else { return nil }
                let cases = references("cases")
                if cases.isEmpty { reader.error(variable, "\(what): `switch:` needs `cases:` (value: state)") }
                return .choose(variable: name, cases: cases, otherwise: reference("default"), location: reader.location(variable))
            }
            return reference("next").map(Transition.go)
        }

        let bargeIn = reader.bool(node.field("barge_in"), "\(what).barge_in") ?? true
        let say = reader.prompts(node.field("say"), "\(what).say", bargeIn: bargeIn)
        let present = Self.kindKeys.filter { node.field($0) != nil }
        if present.count > 1, Set(present) != ["listen", "on"] {
            reader.error(node, "\(what): a state does one thing; it has \(present.map { "`\($0):`" }.joined(separator: " and "))")
        }
        var kind: FlowState.Kind
        switch present.first {
        case "listen", "on":
            if let listen = node.field("listen"), reader.bool(listen, "\(what).listen") == false {
                reader.error(listen, "\(what): `listen: false` means nothing; leave it out")
            }
            kind = .listen(routes: references("on"), dtmf: references("dtmf"), afterAnswer: reference("after_answer"))
            for key in references("dtmf").keys where !Self.isDTMF(key) {
                reader.error(node.field("dtmf"), "\(what).dtmf: `\(key)` is not a key (0-9, *, #)")
            }
        case "collect":
            let requests = reader.items(node.field("collect")).compactMap { item -> SlotRequest? in
                if let slot = item.scalar?.string {
                    return SlotRequest(slot: slot, prompt: [], invalid: [], location: reader.location(item))
                }
                reader.checkKeys(item, ["slot", "prompt", "invalid"], "\(what).collect")
                guard let slot = reader.string(item.field("slot"), "\(what).collect.slot") else {
                    reader.error(item, "\(what).collect: each entry needs `slot:` (the slot type to fill)")
                    return nil
                }
                return SlotRequest(slot: slot, prompt: reader.prompts(item.field("prompt"), "\(what).collect.prompt", bargeIn: bargeIn),
                                   invalid: reader.prompts(item.field("invalid"), "\(what).collect.invalid", bargeIn: bargeIn),
                                   location: reader.location(item.field("slot") ?? item))
            }
            guard let next = transition() else {
                reader.error(node, "\(what): after `collect:` it needs `next:` (or `switch:`)")
                return nil
            }
            kind = .collect(requests, next: next)
        case "confirm":
            let confirm = node.field("confirm")!
            reader.checkKeys(confirm, ["yes", "no"], "\(what).confirm")
            func branch(_ key: String) -> StateReference? {
                guard let target = confirm.field(key), let text = reader.string(target, "\(what).confirm.\(key)") else {
                    reader.error(confirm, "\(what).confirm: needs `\(key):` (the state to go to)")
                    return nil
                }
                return StateReference(text, in: id.flow, flows: flows, location: reader.location(target))
            }
            guard let yes = branch("yes"), let no = branch("no") else { return nil }
            if say.isEmpty { reader.error(node, "\(what): a confirm state needs `say:` (the yes/no question)") }
            kind = .confirm(yes: yes, no: no)
        case "webhook":
            guard let spec = webhook(reader, node.field("webhook")!, what, flows: flows, flow: id.flow), let next = transition() else {
                if transition() == nil { reader.error(node, "\(what): after `webhook:` it needs `next:` (or `switch:`)") }
                return nil
            }
            kind = .webhook(spec, next: next)
        case "answer":
            let answer = node.field("answer")!
            let article: String? = answer.bool == true ? nil : reader.string(answer, "\(what).answer")
            guard let next = transition() else {
                reader.error(node, "\(what): after `answer:` it needs `next:` (or `switch:`)")
                return nil
            }
            kind = .answer(article: article, next: next)
        case "handoff":
            kind = .handoff(handoffSpec(reader, node.field("handoff")!, "\(what).handoff"))
        case "end":
            if reader.bool(node.field("end"), "\(what).end") != true { reader.error(node.field("end"), "\(what): `end:` takes `true`") }
            kind = .end
        default:
            guard let next = transition() else {
                reader.error(keyNode, "\(what): the state does nothing after speaking; add `listen: true`, `next:`, `collect:`, `confirm:`, `webhook:`, `answer:`, `handoff:` or `end: true`")
                return nil
            }
            kind = .proceed(next)
        }
        var disabled: Set<String> = []
        var allOff = false
        if let node = node.field("disable_global") {
            if let flag = node.bool { allOff = flag } else { disabled = Set(reader.strings(node, "\(what).disable_global")) }
        }
        var state = FlowState(id: id, location: reader.location(keyNode), say: say, kind: kind,
                         noInput: reader.prompts(node.field("no_input"), "\(what).no_input", bargeIn: bargeIn),
                         noMatch: reader.prompts(node.field("no_match"), "\(what).no_match", bargeIn: bargeIn),
                         maxAttempts: reader.int(node.field("max_attempts"), "\(what).max_attempts", in: 1...10),
                         onMax: reference("on_max"), disabledGlobals: disabled, allGlobalsOff: allOff,
                         knowledge: reader.bool(node.field("knowledge"), "\(what).knowledge") ?? false)
        state.forget = reader.strings(node.field("forget"), "\(what).forget")
        return state
    }

    func webhook(_ reader: YAMLReader, _ node: Node, _ what: String, flows: Set<String>, flow: String) -> WebhookSpec? {
        let what = "\(what).webhook"
        reader.checkKeys(node, ["get", "post", "put", "body", "save", "timeout_ms", "fallback", "on_error"], what)
        let methods = ["get", "post", "put"].filter { node.field($0) != nil }
        guard methods.count == 1, let method = methods.first, let url = reader.string(node.field(method), "\(what).\(method)") else {
            reader.error(node, "\(what): needs exactly one of `get:`, `post:`, `put:` with the URL")
            return nil
        }
        var body: [String: Template] = [:]
        for entry in reader.mapping(node.field("body"), "\(what).body") {
            if let text = reader.string(entry.value, "\(what).body.\(entry.key)") { body[entry.key] = reader.template(text, entry.value) }
        }
        var save: [String: String] = [:]
        for entry in reader.mapping(node.field("save"), "\(what).save") {
            save[entry.key] = reader.string(entry.value, "\(what).save.\(entry.key)") ?? entry.key
        }
        let onError = node.field("on_error").flatMap { target in
            reader.string(target, "\(what).on_error").map { StateReference($0, in: flow, flows: flows, location: reader.location(target)) }
        }
        return WebhookSpec(method: method.uppercased(), url: reader.template(url, node.field(method)), body: body, save: save,
                           timeoutMilliseconds: reader.int(node.field("timeout_ms"), "\(what).timeout_ms", in: 1...60_000),
                           fallback: reader.prompts(node.field("fallback"), "\(what).fallback"), onError: onError,
                           location: reader.location(node))
    }
}
