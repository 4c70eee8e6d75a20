/// One article of `prompts/knowledge/`: a question callers ask and its answer, loaded
/// from one Markdown file with YAML front matter (see `prompts/README.md`).
public struct KnowledgeArticle: Sendable, Hashable {
    /// Unique id: the front matter's `id`, or the file name without `.md`.
    public var id: String
    /// The question the article answers, as a caller would ask it.
    public var title: String
    /// Other ways callers ask it; retrieval matches against these and the title.
    public var questions: [String]
    /// The main answer said on the phone.
    public var spoken: String
    /// The long answer in Markdown (the file's body).
    public var text: String
    /// Topic words; retrieval gives them a lower weight than the title and questions.
    public var tags: [String]
    /// Answers that depend on a slot: slot name → slot value → answer.
    public var variants: [String: [String: KnowledgeAnswer]]
    /// The file the article came from (as given to the loader), empty when built in code.
    public var file: String
    /// 1-based line of the article's front matter in ``file``, 0 when built in code.
    public var line: Int

    public init(id: String, title: String, questions: [String] = [], spoken: String, text: String,
                tags: [String] = [], variants: [String: [String: KnowledgeAnswer]] = [:],
                file: String = "", line: Int = 0) {
        self.id = id
        self.title = title
        self.questions = questions
        self.spoken = spoken
        self.text = text
        self.tags = tags
        self.variants = variants
        self.file = file
        self.line = line
    }

    /// The slots whose value picks a variant, sorted by name.
    public var variantSlots: [String] { variants.keys.sorted() }

    /// The main answer: ``spoken`` and the body ``text``.
    public var mainAnswer: KnowledgeAnswer { KnowledgeAnswer(spoken: spoken, text: text) }

    /// The answer for what is known about the caller: the variant picked by the first
    /// slot (in ``variantSlots`` order) whose value in `slots` has one (values compare
    /// case-insensitively), else the main answer. A variant without its own text keeps
    /// the article's body as text.
    public func answer(slots: [String: String]) -> KnowledgeAnswer {
        for slot in variantSlots {
            guard let value = slots[slot], let byValue = variants[slot] else { continue }
            let chosen = byValue[value] ?? byValue.first { $0.key.lowercased() == value.lowercased() }?.value
            if let chosen {
                return KnowledgeAnswer(spoken: chosen.spoken, text: chosen.text ?? text)
            }
        }
        return mainAnswer
    }
}
