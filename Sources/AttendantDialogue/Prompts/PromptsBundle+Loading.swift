import Foundation
import Yams

extension PromptsBundle {
    /// Loads and checks the folder at `directory`. Diagnostics name files as
    /// `directory`'s path joined with the file's relative path.
    public static func load(directory: URL) -> PromptsBundle {
        var loader = Loader(directory: directory)
        return loader.load()
    }

    /// Loads `attendant.yaml`, intents, slots, flows, knowledge and phrases, then runs
    /// the cross-file checks.
    struct Loader {
        let directory: URL
        var diagnostics: [PromptDiagnostic] = []
        var flowNames: Set<String> = []

        init(directory: URL) { self.directory = directory }

        func path(_ relative: String) -> String {
            let base = directory.path.hasSuffix("/") ? String(directory.path.dropLast()) : directory.path
            return relative.isEmpty ? base : base + "/" + relative
        }

        func files(in folder: String, extension ext: String) -> [String] {
            let url = directory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }

        /// Reads a file's text, or reports why not.
        mutating func read(_ relative: String, required: Bool) -> String? {
            let url = directory.appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if required { diagnostics.append(PromptDiagnostic(file: path(relative), message: "missing: this file is required")) }
                return nil
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(PromptDiagnostic(file: path(relative), message: "cannot be read"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(PromptDiagnostic(file: path(relative), message: "not UTF-8 text"))
                return nil
            }
            return text
        }

        mutating func load() -> PromptsBundle {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                diagnostics.append(PromptDiagnostic(file: path(""), message: "no such folder (expected the prompts folder: attendant.yaml, intents/, flows/, knowledge/)"))
                return PromptsBundle(directory: directory, settings: DialogueSettings(start: StateReference(flow: "main", state: nil, location: SourceLocation(file: path(""), line: 0, column: 0))),
                                     intents: [:], slotTypes: Dictionary(uniqueKeysWithValues: SlotType.builtIn.map { ($0.name, $0) }),
                                     slotPrompts: [:], flows: [:], articles: [], phrases: [], diagnostics: diagnostics)
            }
            let flowFiles = files(in: "flows", extension: "yaml") + files(in: "flows", extension: "yml")
            flowNames = Set(flowFiles.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })

            let settings = loadSettings()
            let intents = loadIntents()
            let (slotTypes, slotPrompts) = loadSlots()
            var flows: [String: Flow] = [:]
            for file in flowFiles {
                guard let flow = loadFlow(file) else { continue }
                if let other = flows[flow.name] {
                    diagnostics.append(flow.location.diagnostic("flow `\(flow.name)` is also defined in \(other.location.file)"))
                } else {
                    flows[flow.name] = flow
                }
            }
            let knowledge = KnowledgeLoader.load(directory: directory.appendingPathComponent("knowledge"))
            diagnostics += knowledge.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if !diagnostic.file.hasPrefix("/") && !diagnostic.file.hasPrefix(path("")) {
                    diagnostic.file = path("knowledge/" + URL(fileURLWithPath: diagnostic.file).lastPathComponent)
                }
                return diagnostic
            }
            let phrases = read("phrases.txt", required: false).map(Self.phrases(in:)) ?? []

            var bundle = PromptsBundle(directory: directory, settings: settings, intents: intents, slotTypes: slotTypes,
                                       slotPrompts: slotPrompts, flows: flows, articles: knowledge.articles,
                                       phrases: phrases, diagnostics: diagnostics)
            bundle.diagnostics += PromptsValidator(bundle: bundle).check()
            bundle.diagnostics.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
            return bundle
        }

        static func phrases(in text: String) -> [String] {
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
    }
}

// MARK: - prompts (say:, no_match:, …)

extension YAMLReader {
    /// A prompt value: text, a list of texts, or a mapping with `text`/`ssml`/`audio`/`barge_in`.
    func prompts(_ node: Node?, _ what: String, bargeIn: Bool = true) -> [PromptSpec] {
        guard let node else { return [] }
        if case .sequence(let sequence) = node {
            return sequence.flatMap { prompts($0, what, bargeIn: bargeIn) }
        }
        if case .mapping = node {
            checkKeys(node, ["text", "ssml", "audio", "barge_in"], what)
            let ssml = string(node.field("ssml"), "\(what).ssml")
            let audio = string(node.field("audio"), "\(what).audio")
            guard let text = string(node.field("text"), "\(what).text") ?? ssml.map(Self.stripTags) else {
                error(node, "\(what): a prompt needs `text` (the words said, also the transcript of `audio`)")
                return []
            }
            return [PromptSpec(text: template(text, node.field("text") ?? node), ssml: ssml.map { template($0, node.field("ssml")) },
                               audio: audio, bargeIn: bool(node.field("barge_in"), "\(what).barge_in") ?? bargeIn,
                               location: location(node))]
        }
        guard let text = string(node, what) else { return [] }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node, "\(what): empty prompt")
            return []
        }
        return [PromptSpec(text: template(text, node), bargeIn: bargeIn, location: location(node))]
    }

    func template(_ text: String, _ node: Node?) -> Template {
        Template(text) { problem in self.error(node, problem) }
    }

    static func stripTags(_ ssml: String) -> String {
        ssml.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
