import Foundation
@testable import AttendantStore

/// A fresh folder under the system temp dir, removed after `body`.
func withTemporaryFolder<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("attendant-store-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try await body(folder)
}

/// A store in a fresh temp folder, with one conversation already started.
func withStore<T>(_ body: (SQLiteStore, String) async throws -> T) async throws -> T {
    try await withTemporaryFolder { folder in
        let store = try SQLiteStore(path: folder + "/attendant.sqlite")
        defer { try? store.close() }
        return try await body(store, folder)
    }
}

/// A caller turn with some analysis filled in.
func sampleTurn(_ conversationID: String, _ index: Int, _ text: String, speaker: Turn.Speaker = .caller) -> Turn {
    Turn(conversationID: conversationID, index: index, speaker: speaker, text: text,
         asrConfidence: 0.91, intent: "refund_request", intentConfidence: 0.87,
         slots: ["order_id": "A-1234", "amount": "19.99"], sentimentLabel: "negative", sentimentScore: -0.4,
         action: "ask_order_id", timings: Turn.Timings(speechMs: 1800, asrMs: 120, nluMs: 0.4, replyMs: nil),
         audioPath: "recordings/\(conversationID)/\(index).wav")
}

/// Whether the store's error has this code.
func storeError(_ error: any Error, is code: StoreError.Code) -> Bool {
    (error as? StoreError)?.code == code
}
