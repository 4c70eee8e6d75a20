import AttendantDialogue
import Foundation
import Synchronization

/// The running engine's view of `prompts/`: the current ``DialogueModel``, reloaded when
/// a file changes. A new version with errors is rejected — the engine keeps the last
/// good one and reports the problems — so a designer's typo never takes calls down.
/// Conversations keep the model they started with; new ones get the newest.
///
/// Changes are found by polling a fingerprint of the folder (every file's path, size
/// and modification time): portable, cheap for a few hundred files, and robust to
/// editors that replace files instead of writing them.
public final class PromptsLibrary: Sendable {
    public let directory: URL
    let backendURL: String?
    let state: Mutex<(model: DialogueModel, fingerprint: String)>

    /// What a reload did.
    public enum Reload: Sendable {
        case unchanged
        case reloaded(DialogueModel)
        /// The new files have errors; the previous model stays in use.
        case rejected([PromptDiagnostic])
    }

    /// Loads `directory`; fails (with every problem) when it is not usable.
    public init(directory: URL, backendURL: String? = nil) throws(DialogueModel.Unusable) {
        self.directory = directory
        self.backendURL = backendURL
        let fingerprint = Self.fingerprint(of: directory)
        let model = try DialogueModel(directory: directory, backendURL: backendURL)
        state = Mutex((model, fingerprint))
    }

    /// Starts from a model already built from its folder (no second training).
    public init(model: DialogueModel, backendURL: String? = nil) {
        directory = model.bundle.directory
        self.backendURL = backendURL
        state = Mutex((model, Self.fingerprint(of: model.bundle.directory)))
    }

    /// The model new conversations use.
    public var model: DialogueModel { state.withLock { $0.model } }

    /// Reloads when the folder changed since the last look.
    public func reloadIfChanged() -> Reload {
        let fingerprint = Self.fingerprint(of: directory)
        let previous = state.withLock { $0.fingerprint }
        guard fingerprint != previous else { return .unchanged }
        let bundle = PromptsBundle.load(directory: directory)
        do {
            let model = try DialogueModel(bundle: bundle, backendURL: backendURL)
            state.withLock { $0 = (model, fingerprint) }
            return .reloaded(model)
        } catch {
            // Remember the broken version so it is reported once, not every poll.
            state.withLock { $0.fingerprint = fingerprint }
            return .rejected(error.diagnostics.isEmpty ? bundle.diagnostics : error.diagnostics)
        }
    }

    /// Polls for changes until the task is cancelled, telling `report` about each reload.
    public func watch(every interval: Duration = .seconds(1), report: @Sendable (Reload) -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let outcome = reloadIfChanged()
            if case .unchanged = outcome { continue }
            report(outcome)
        }
    }

    /// Paths, sizes and modification times of every file under `directory`.
    static func fingerprint(of directory: URL) -> String {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else {
            return ""
        }
        var entries: [String] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
            entries.append("\(url.path)|\(values?.fileSize ?? -1)|\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)")
        }
        return entries.sorted().joined(separator: "\n")
    }
}
