import AttendantDialogue
import Foundation
import Testing

/// The sample domain in `prompts/` driven turn by turn, with a scripted backend.
@Suite("Dialogue sessions on the sample prompts")
struct DialogueSessionTests {
    /// The order system as the sample flows expect it (the engine tests use a real HTTP one).
    struct ScriptedBackend: WebhookClient {
        var fails = false
        func send(_ request: WebhookRequest) async throws -> [String: String] {
            if fails { throw URLError(.cannotConnectToHost) }
            let parts = request.url.split(separator: "/")
            guard let index = parts.firstIndex(of: "orders"), index + 1 < parts.count else { return [:] }
            let id = String(parts[index + 1])
            if request.url.hasSuffix("/cancel") {
                return ["result": id == "57096" ? "cancelled" : "already_shipped", "refund_days": "5"]
            }
            return switch id {
            case "48213": ["status": "shipped", "ship_date": "Monday, November 23", "eta": "Friday, November 27"]
            case "57096": ["status": "processing", "ship_date": "Thursday, November 26"]
            case "31470": ["status": "delivered", "delivered_on": "Tuesday, November 24"]
            default: ["status": "not_found"]
            }
        }
    }

    static let model: DialogueModel = try! DialogueModel(directory: SamplePrompts.directory)
    static let reference = SamplePrompts.reference

    func session(_ backend: ScriptedBackend = ScriptedBackend(), model: DialogueModel = Self.model) async -> (DialogueSession, TurnResult) {
        var session = DialogueSession(model: model, webhooks: backend, caller: "+15550100")
        let greeting = await session.start(reference: Self.reference)
        return (session, greeting)
    }

    @Test func greetsAndWaitsInTheMainMenu() async {
        let (_, greeting) = await session()
        #expect(greeting.replyText.contains("Harbor Goods"))
        #expect(greeting.action == .continue)
        #expect(greeting.state == StateID(flow: "main", state: "welcome"))
    }

    @Test func orderStatusAsksForTheNumberThenCallsTheBackend() async {
        var (session, _) = await session()
        let first = await session.handle(.text("where is my order"), reference: Self.reference)
        #expect(first.intent?.intent == "order_status")
        #expect(first.replyText.contains("order number"))
        #expect(first.state == StateID(flow: "orders", state: "ask_order"))

        let second = await session.handle(.speech("it's four eight two one three", confidence: 0.8), reference: Self.reference)
        #expect(session.variables["order_id"] == "48213")
        #expect(second.replyText.contains("shipped on Monday, November 23"))
        #expect(second.replyText.contains("Friday, November 27"))
        #expect(second.replyText.contains("anything else"))
        #expect(second.webhooks.count == 1 && second.webhooks[0].succeeded)
        #expect(second.reply.contains { $0.spoken.contains("four eight two one three") }, "the order number is read back digit by digit")
    }

    @Test func aMisheardFirstReadingFallsBackToTheRecognizersOtherReadings() async {
        var (session, _) = await session()
        let misheard = "the giraffe sings opera loudly"
        let first = Self.model.classifier.classify(misheard)
        #expect(first.intent == nil || first.confidence < DialogueModel.firstReadingConfidence, "the first reading is not understood")
        let turn = await session.handle(.speech(misheard, confidence: 0.4, alternatives: [misheard, "where is my order"]),
                                        reference: Self.reference)
        #expect(turn.intent?.intent == "order_status")
        #expect(turn.replyText.contains("order number"))
    }

    @Test func anOrderNumberSaidWithTheIntentIsNotAskedAgain() async {
        var (session, _) = await session()
        let turn = await session.handle(.text("I want to check the status of order 5 7 0 9 6"), reference: Self.reference)
        #expect(turn.replyText.contains("being prepared"))
        #expect(!turn.replyText.contains("What's your order number"))
    }

    @Test func repeatingTheRequestWhileAskedForTheNumberIsNotAMistake() async {
        var (session, _) = await session()
        _ = await session.handle(.text("where is my order"), reference: Self.reference)
        let again = await session.handle(.text("I want to check my order"), reference: Self.reference)
        #expect(!again.replyText.contains("Sorry"))
        #expect(again.replyText.contains("order number"))
    }

    @Test func aNumberThatIsNotAnOrderNumberIsReaskedWithTheInvalidPrompt() async {
        var (session, _) = await session()
        _ = await session.handle(.text("where is my order"), reference: Self.reference)
        let wrong = await session.handle(.speech("four eight two", confidence: 0.9), reference: Self.reference)
        #expect(wrong.replyText.contains("five digits"))
        #expect(session.variables["order_id"] == nil)
        let keyed = await session.handle(.dtmf("31470#"), reference: Self.reference)
        #expect(keyed.replyText.contains("delivered on Tuesday"))
    }

    @Test func knowledgeQuestionsAreAnsweredAndFollowUpsUseTheContext() async {
        var (session, _) = await session()
        let refund = await session.handle(.text("how long does it take to get my refund"), reference: Self.reference)
        #expect(refund.articles.first == "refund-time" || refund.intent?.intent == "refund_status")
        #expect(refund.replyText.lowercased().contains("business days"))
        let shipping = await session.handle(.text("how much does shipping cost"), reference: Self.reference)
        #expect(shipping.articles == ["shipping-costs"])
    }

    @Test func aFollowUpQuestionIsAnsweredInTheContextOfTheLastAnswer() async {
        var (session, _) = await session()
        let first = await session.handle(.text("I want to return a lamp"), reference: Self.reference)
        #expect(first.articles == ["start-return"])
        let followUp = await session.handle(.text("and how long does that take?"), reference: Self.reference)
        #expect(followUp.articles == ["refund-time"])
    }

    @Test func aStateCanTurnGlobalIntentsOff() async throws {
        var bundle = PromptsBundle.load(directory: SamplePrompts.directory)
        bundle.flows["cancel"]?.states["confirm_cancel"]?.disabledGlobals = ["goodbye"]
        let model = try DialogueModel(bundle: bundle)
        var (session, _) = await session(model: model)
        _ = await session.handle(.text("cancel order 5 7 0 9 6"), reference: Self.reference)
        let bye = await session.handle(.text("goodbye"), reference: Self.reference)
        #expect(bye.action == .continue, "goodbye is off while confirming the cancellation")
        #expect(bye.replyText.contains("Please say yes to cancel order 57096"))
        let agent = await session.handle(.text("let me talk to an agent"), reference: Self.reference)
        #expect(agent.action == .handoff, "the other global intents still work")
    }

    @Test func anAnswerWithVariantsAsksForTheDeviceFirst() async {
        var (session, _) = await session()
        let ask = await session.handle(.text("how do I install the app"), reference: Self.reference)
        #expect(ask.replyText.contains("iPhone or an Android"))
        let answer = await session.handle(.text("android"), reference: Self.reference)
        #expect(answer.replyText.contains("Google Play"))
        #expect(answer.articles == ["install-app"])
    }

    @Test func theDeviceSaidWithTheQuestionPicksTheVariantAtOnce() async {
        var (session, _) = await session()
        let answer = await session.handle(.text("how do I download your app on my iphone"), reference: Self.reference)
        #expect(answer.replyText.contains("App Store"))
        #expect(!answer.replyText.contains("Google Play"))
    }

    @Test func middlingConfidenceIsConfirmedFirst() async throws {
        var bundle = PromptsBundle.load(directory: SamplePrompts.directory)
        bundle.settings.confirmBelow = 0.999
        bundle.settings.rejectBelow = 0.0
        let model = try DialogueModel(bundle: bundle)
        var (session, _) = await session(model: model)
        let phrase = "i would like to know about my order"
        #expect(model.classifier.classify(phrase).confidence < 0.999, "a phrase the classifier is not sure of")
        let turn = await session.handle(.text(phrase), reference: Self.reference)
        #expect(turn.action == .confirm)
        #expect(turn.replyText == "You want to check on an order, is that right?")
        let yes = await session.handle(.text("yes please"), reference: Self.reference)
        #expect(yes.replyText.contains("order number"))
        #expect(yes.action == .continue)

        var (other, _) = await self.session(model: model)
        _ = await other.handle(.text(phrase), reference: Self.reference)
        let no = await other.handle(.text("no"), reference: Self.reference)
        #expect(no.replyText.contains("What can I help you with"))
        #expect(no.state == StateID(flow: "main", state: "welcome"))
    }

    @Test(arguments: ["I want to talk to a real person", "agent please"])
    func askingForAPersonHandsOff(_ text: String) async {
        var (session, _) = await session()
        let turn = await session.handle(.text(text), reference: Self.reference)
        #expect(turn.action == .handoff)
        #expect(turn.handoff?.queue == "general")
        #expect(turn.replyText.contains("someone who can help"))
        #expect(session.isFinished)
    }

    @Test func pressingZeroHandsOffFromAnywhere() async {
        var (session, _) = await session()
        _ = await session.handle(.text("where is my order"), reference: Self.reference)
        let turn = await session.handle(.dtmf("0"), reference: Self.reference)
        #expect(turn.action == .handoff)
        #expect(turn.handoff?.reason.contains("pressed 0") == true)
    }

    @Test func silenceEscalatesThenHandsOff() async {
        var (session, _) = await session()
        let first = await session.handle(.noInput, reference: Self.reference)
        #expect(first.replyText.hasPrefix("Sorry, I didn't hear anything."))
        #expect(first.action == .continue)
        let second = await session.handle(.noInput, reference: Self.reference)
        #expect(second.replyText.hasPrefix("Are you still there?"))
        let third = await session.handle(.speech("", confidence: nil), reference: Self.reference)
        #expect(third.action == .handoff)
        #expect(third.handoff?.reason.contains("no input") == true)
    }

    @Test func anAngryCallerIsHandedOff() async {
        var (session, _) = await session()
        let turn = await session.handle(.text("this is absolutely ridiculous, the worst service ever, I am furious"), reference: Self.reference)
        #expect(turn.sentiment?.label == .negative)
        #expect(turn.action == .handoff)
    }

    @Test func aFailingBackendGetsTheSpokenFallbackAndAPerson() async {
        var (session, _) = await session(ScriptedBackend(fails: true))
        let turn = await session.handle(.text("what's the status of order 4 8 2 1 3"), reference: Self.reference)
        #expect(turn.replyText.contains("can't reach our order system"))
        #expect(turn.action == .handoff)
        #expect(turn.handoff?.queue == "orders")
        #expect(turn.webhooks.first?.succeeded == false)
    }

    @Test func cancellingAnOrderConfirmsThenCallsTheBackend() async {
        var (session, _) = await session()
        let ask = await session.handle(.text("I need to cancel my order"), reference: Self.reference)
        #expect(ask.intent?.intent == "cancel_order")
        let confirm = await session.handle(.text("5 7 0 9 6"), reference: Self.reference)
        #expect(confirm.replyText.contains("cancel order 57096"))
        #expect(confirm.bargeIn == false, "the confirmation question may not be interrupted")
        let done = await session.handle(.text("yes"), reference: Self.reference)
        #expect(done.replyText.contains("is cancelled"))
        #expect(done.replyText.contains("5 business days"))
    }

    @Test func noWithAnotherTopicGoesToThatTopic() async {
        var (session, _) = await session()
        _ = await session.handle(.text("I want to cancel order 5 7 0 9 6"), reference: Self.reference)
        let turn = await session.handle(.text("no actually I want to return something"), reference: Self.reference)
        #expect(turn.articles == ["start-return"])
        #expect(!turn.replyText.contains("won't cancel"))
    }

    @Test func goodbyeEndsAndRepeatSaysTheLastReplyAgain() async {
        var (session, greeting) = await session()
        let again = await session.handle(.text("can you repeat that"), reference: Self.reference)
        #expect(again.replyText == greeting.replyText)
        let bye = await session.handle(.text("that's all, goodbye"), reference: Self.reference)
        #expect(bye.action == .end)
        #expect(bye.replyText.contains("Goodbye"))
    }

    @Test func notUnderstoodThreeTimesHandsOff() async {
        var (session, _) = await session()
        var last: TurnResult?
        for text in ["purple elephants dance on tuesdays", "quantum chromodynamics lecture notes", "the giraffe sings opera loudly"] {
            last = await session.handle(.text(text), reference: Self.reference)
            if last?.action == .handoff { break }
        }
        #expect(last?.action == .handoff)
    }
}
