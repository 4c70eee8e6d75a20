/// AttendantDialogue: Attendant's "brain", pure Swift, trained from `prompts/` at startup.
///
/// - NLU: ``IntentClassifier`` (intent + calibrated confidence + runners-up, with
///   out-of-scope detection), ``EntityExtractor`` (slots: numbers, patterned ids, dates,
///   times, money, phone numbers, spelled e-mail addresses, yes/no, designer lists) and
///   ``SentimentAnalyzer``.
/// - ``KnowledgeBase``: articles from `prompts/knowledge/`, ranked for a question.
/// - Flows: the designer's YAML state machines in `prompts/flows/`, interpreted per
///   conversation by a ``DialogueSession``; it returns what to say and the action
///   (continue, confirm, hand off, end), and never touches a socket or a clock itself.
/// - ``PromptsBundle``: everything in `prompts/`, loaded and checked, with each problem
///   reported as a ``PromptDiagnostic`` (`file:line:column: message`).
public enum AttendantDialogue {}
