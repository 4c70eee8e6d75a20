import Foundation
import Yams

/// Reads knowledge articles (`prompts/knowledge/*.md`): YAML front matter between `---`
/// lines, then the Markdown body (the long text answer). Every problem becomes a
/// ``PromptDiagnostic`` at the line and column of the `.md` file; a file with an error is
/// skipped and the others still load.
public enum KnowledgeLoader {
    /// The front matter fields an article may have.
    public static let knownFields: [String] = ["id", "title", "questions", "tags", "spoken", "variants"]

    /// Loads every `.md` file of `directory` (sorted by name). Diagnostics name files as
    /// `<directory name>/<file>` (so `knowledge/refunds.md` when loaded from `prompts/`).
    /// Duplicate ids are an error in both files; the first file (by name) keeps its article.
    public static func load(directory: URL) -> (articles: [KnowledgeArticle], diagnostics: [PromptDiagnostic]) {
        let folder = directory.lastPathComponent
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            return ([], [PromptDiagnostic(file: folder, message: "cannot read the knowledge folder \(directory.path): \(error.localizedDescription)")])
        }
        if names.isEmpty {
            return ([], [PromptDiagnostic(file: folder, severity: .warning,
                                          message: "no knowledge articles (*.md) in \(directory.path)")])
        }
        var articles: [KnowledgeArticle] = []
        var idLines: [Int] = []
        var diagnostics: [PromptDiagnostic] = []
        var firstByID: [String: Int] = [:]
        for name in names {
            let file = "\(folder)/\(name)"
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(PromptDiagnostic(file: file, message: "cannot read the file as UTF-8 text"))
                continue
            }
            let parsed = parseWithIDLine(text: text, file: file)
            diagnostics += parsed.diagnostics
            guard let article = parsed.article else { continue }
            if let first = firstByID[article.id] {
                let other = articles[first]
                diagnostics.append(PromptDiagnostic(
                    file: other.file, line: idLines[first], column: 1,
                    message: "duplicate article id '\(article.id)': also used by \(article.file):\(parsed.idLine)"))
                diagnostics.append(PromptDiagnostic(
                    file: article.file, line: parsed.idLine, column: 1,
                    message: "duplicate article id '\(article.id)': already used by \(other.file):\(idLines[first]); this article is skipped"))
                continue
            }
            firstByID[article.id] = articles.count
            articles.append(article)
            idLines.append(parsed.idLine)
        }
        return (articles, diagnostics)
    }

    /// Parses one article. `file` names it in diagnostics and gives the default id (its
    /// last path component without `.md`). The article is nil when there is an error.
    public static func parse(text: String, file: String) -> (article: KnowledgeArticle?, diagnostics: [PromptDiagnostic]) {
        let parsed = parseWithIDLine(text: text, file: file)
        return (parsed.article, parsed.diagnostics)
    }

    // MARK: - parsing

    static func parseWithIDLine(text: String, file: String) -> (article: KnowledgeArticle?, idLine: Int, diagnostics: [PromptDiagnostic]) {
        var diagnostics: [PromptDiagnostic] = []
        func error(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(PromptDiagnostic(file: file, line: line, column: column, severity: .error, message: message))
        }
        func warning(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(PromptDiagnostic(file: file, line: line, column: column, severity: .warning, message: message))
        }

        // "\r\n" is one Character in Swift: split on any line break.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        // The front matter opens on the first non-blank line.
        guard let open = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }),
              lines[open].trimmingTrailingWhitespace == "---" else {
            let at = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) ?? 0
            error(at + 1, 1, "missing front matter: an article starts with a '---' line, the YAML fields (title, spoken, …), another '---' line, then the text")
            return (nil, 0, diagnostics)
        }
        guard let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingTrailingWhitespace == "---" }) else {
            error(open + 1, 1, "front matter is not closed: expected a '---' line after the YAML fields")
            return (nil, 0, diagnostics)
        }
        let openLine = open + 1               // 1-based line of the opening '---'
        let offset = openLine                 // YAML line n is file line n + offset
        let yaml = lines[(open + 1)..<close].joined(separator: "\n")

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let yamlError as YamlError {
            switch yamlError {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
                 let .composer(context, problem, mark, _):
                let detail = context.map { " (\($0.text))" } ?? ""
                error(mark.line + offset, mark.column, "YAML syntax error: \(problem)\(detail)")
            case let .duplicatedKeysInMapping(duplicates, context):
                error(context.mark.line + offset, context.mark.column,
                      "duplicate field \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
            case let .reader(problem, _, _, _):
                error(openLine + 1, 1, "YAML cannot be read: \(problem)")
            default:
                error(openLine + 1, 1, "YAML error: \(yamlError)")
            }
            return (nil, 0, diagnostics)
        } catch {
            self.error(file: file, openLine + 1, &diagnostics, "YAML error: \(error)")
            return (nil, 0, diagnostics)
        }

        func line(_ node: Node) -> Int { (node.mark?.line ?? 1) + offset }
        func column(_ node: Node) -> Int { node.mark?.column ?? 1 }
        /// A scalar's text, nil for a null scalar (`key:` with nothing after it).
        func string(_ node: Node) -> String? {
            guard case let .scalar(scalar) = node, node.null == nil else { return nil }
            return scalar.string
        }
        func stringList(_ node: Node, _ field: String) -> [String]? {
            if node.null != nil { return [] }
            guard case let .sequence(sequence) = node else {
                error(line(node), column(node), "\(field): expected a list of strings")
                return nil
            }
            var result: [String] = []
            for item in sequence {
                guard let text = string(item), case .scalar = item else {
                    error(line(item), column(item), "\(field): expected a list of strings")
                    return nil
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { result.append(trimmed) }
            }
            return result
        }
        func requiredString(_ node: Node, _ field: String) -> String? {
            if node.null != nil { return nil }
            guard let text = string(node) else {
                error(line(node), column(node), "\(field): expected a string")
                return nil
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var fields: [(key: String, keyNode: Node, value: Node)] = []
        if let root {
            guard case let .mapping(mapping) = root else {
                error(line(root), column(root), "front matter: expected fields (title: …, spoken: …), found \(kind(root))")
                return (nil, 0, diagnostics)
            }
            for (keyNode, value) in mapping {
                guard let key = string(keyNode) else {
                    error(line(keyNode), column(keyNode), "front matter: field names must be plain words")
                    continue
                }
                fields.append((key, keyNode, value))
            }
        }
        var id = defaultID(file)
        var idLine = openLine
        var title: String?, spoken: String?
        var questions: [String] = [], tags: [String] = []
        var variants: [String: [String: KnowledgeAnswer]] = [:]
        var hadError = diagnostics.contains { $0.severity == .error }
        for (key, keyNode, value) in fields {
            switch key {
            case "id":
                if let text = requiredString(value, "id") {
                    if text.isEmpty || text.contains(where: { $0.isWhitespace || $0 == "/" }) {
                        error(line(value), column(value), "id: expected a word without spaces or '/' (like refund-time)")
                    } else {
                        id = text
                        idLine = line(keyNode)
                    }
                }
            case "title": title = requiredString(value, "title")
            case "spoken": spoken = requiredString(value, "spoken")
            case "questions": questions = stringList(value, "questions") ?? []
            case "tags": tags = stringList(value, "tags") ?? []
            case "variants":
                variants = parseVariants(value, line: line, column: column, string: string,
                                         error: error, warning: warning)
            default:
                warning(line(keyNode), column(keyNode),
                        "unknown field '\(key)' (known: \(knownFields.joined(separator: ", "))); it is ignored")
            }
        }
        if title?.isEmpty ?? true, !diagnostics.contains(where: { $0.message.hasPrefix("title:") }) {
            let at = fields.first { $0.key == "title" }.map { line($0.keyNode) } ?? openLine
            error(at, 1, "missing title: add 'title: <the question the article answers>' to the front matter")
        }
        if spoken?.isEmpty ?? true, !diagnostics.contains(where: { $0.message.hasPrefix("spoken:") }) {
            let at = fields.first { $0.key == "spoken" }.map { line($0.keyNode) } ?? openLine
            error(at, 1, "missing spoken: add 'spoken: <one or two short sentences said on the phone>' to the front matter")
        }
        let body = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty {
            error(close + 1 < lines.count ? close + 2 : close + 1, 1, "missing body: write the long text answer after the closing '---' line")
        }
        hadError = diagnostics.contains { $0.severity == .error }
        guard !hadError, let title, let spoken else { return (nil, idLine, diagnostics) }
        let article = KnowledgeArticle(id: id, title: title, questions: questions, spoken: spoken, text: body,
                                       tags: tags, variants: variants, file: file, line: openLine)
        return (article, idLine, diagnostics)
    }

    private static func parseVariants(
        _ node: Node, line: (Node) -> Int, column: (Node) -> Int, string: (Node) -> String?,
        error: (Int, Int, String) -> Void, warning: (Int, Int, String) -> Void
    ) -> [String: [String: KnowledgeAnswer]] {
        if node.null != nil { return [:] }
        guard case let .mapping(slots) = node else {
            error(line(node), column(node), "variants: expected slot names, each with its values (variants: device: iphone: spoken: …)")
            return [:]
        }
        var result: [String: [String: KnowledgeAnswer]] = [:]
        for (slotNode, valuesNode) in slots {
            guard let slot = string(slotNode) else {
                error(line(slotNode), column(slotNode), "variants: expected a slot name")
                continue
            }
            guard case let .mapping(values) = valuesNode else {
                error(line(valuesNode), column(valuesNode), "variants.\(slot): expected the slot's values, each with spoken (and optional text)")
                continue
            }
            var byValue: [String: KnowledgeAnswer] = [:]
            for (valueNode, answerNode) in values {
                guard let value = string(valueNode) else {
                    error(line(valueNode), column(valueNode), "variants.\(slot): expected a slot value")
                    continue
                }
                let path = "variants.\(slot).\(value)"
                guard case let .mapping(answer) = answerNode else {
                    error(line(answerNode), column(answerNode), "\(path): expected spoken (and optional text)")
                    continue
                }
                var spoken: String?, text: String?
                var ok = true
                for (keyNode, field) in answer {
                    let key = string(keyNode) ?? ""
                    switch key {
                    case "spoken", "text":
                        guard case let .scalar(scalar) = field, field.null == nil else {
                            if field.null != nil { continue }
                            error(line(field), column(field), "\(path).\(key): expected a string")
                            ok = false
                            continue
                        }
                        let trimmed = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                        if key == "spoken" { spoken = trimmed } else { text = trimmed.isEmpty ? nil : trimmed }
                    default:
                        warning(line(keyNode), column(keyNode), "\(path): unknown field '\(key)' (known: spoken, text); it is ignored")
                    }
                }
                guard ok else { continue }
                guard let spoken, !spoken.isEmpty else {
                    error(line(valueNode), column(valueNode), "\(path): missing spoken")
                    continue
                }
                byValue[value] = KnowledgeAnswer(spoken: spoken, text: text)
            }
            result[slot] = byValue
        }
        return result
    }

    private static func error(file: String, _ line: Int, _ diagnostics: inout [PromptDiagnostic], _ message: String) {
        diagnostics.append(PromptDiagnostic(file: file, line: line, column: 1, message: message))
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "fields"
        case .alias: "an alias"
        }
    }

    /// The file's name without directories and without `.md`.
    static func defaultID(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

private extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var s = self
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return s
    }
}
