/// A compact English valence lexicon for customer-service talk, written for Attendant.
///
/// Values run from about -4 (worst) to +4 (best); most words sit between 1 and 3. Phrases
/// (several words) are matched before single words and may contain a negation of their own
/// ("not working", "never received"), which then does not negate what follows.
enum SentimentLexicon {
    static let words: [String: Double] = [
        // anger, contempt
        "angry": -2.8, "furious": -3.5, "livid": -3.5, "mad": -2.2, "annoyed": -2.0, "annoying": -2.0,
        "irritated": -2.0, "irritating": -2.0, "outraged": -3.3, "outrageous": -3.0, "ridiculous": -2.5,
        "absurd": -2.2, "unacceptable": -3.0, "disgusting": -3.2, "disgraceful": -3.0, "shameful": -2.8,
        "pathetic": -3.0, "insulting": -2.8, "rude": -2.5, "unprofessional": -2.6, "incompetent": -3.0,
        "idiot": -3.0, "idiots": -3.0, "stupid": -2.6, "clueless": -2.4, "hate": -3.2, "hated": -3.0,
        "hating": -3.0, "sick": -1.6, "fed": -0.5, "disrespectful": -2.6, "arrogant": -2.4,
        // frustration, disappointment
        "frustrated": -2.5, "frustrating": -2.5, "frustration": -2.3, "disappointed": -2.4,
        "disappointing": -2.4, "disappointment": -2.4, "upset": -2.3, "unhappy": -2.4, "dissatisfied": -2.5,
        "unsatisfied": -2.2, "fed-up": -2.5, "tired": -1.3, "exhausted": -1.6, "stressed": -1.8,
        "stressful": -1.8, "confused": -1.2, "confusing": -1.3, "worried": -1.5, "worry": -1.2,
        "concerned": -1.0, "afraid": -1.4, "scared": -1.6, "sad": -1.9, "miserable": -2.8, "desperate": -2.2,
        "hopeless": -2.6, "helpless": -2.0, "regret": -1.8, "sorry": -0.4, "unfortunately": -1.0,
        "sadly": -1.2, "shocked": -1.8, "appalled": -3.0, "horrified": -3.0, "fuming": -3.2,
        // quality of service
        "terrible": -3.0, "horrible": -3.0, "awful": -3.0, "dreadful": -3.0, "atrocious": -3.4,
        "abysmal": -3.4, "appalling": -3.2, "worst": -3.2, "worse": -2.2, "bad": -2.2, "poor": -2.0,
        "poorly": -1.9, "lousy": -2.4, "crappy": -2.8, "crap": -2.8, "rubbish": -2.6, "garbage": -2.8,
        "trash": -2.5, "junk": -2.3, "useless": -2.8, "worthless": -2.9, "pointless": -2.2, "hopelessly": -2.2,
        "inadequate": -2.0, "mediocre": -1.4, "subpar": -1.8, "shoddy": -2.3, "sloppy": -2.0,
        "unreliable": -2.2, "unhelpful": -2.4, "nightmare": -3.0, "disaster": -3.0, "mess": -2.0,
        "messed": -2.0, "joke": -1.8, "fail": -2.0, "failed": -2.0, "fails": -2.0, "failure": -2.3,
        "failing": -2.0, "broken": -2.0, "broke": -1.6, "damaged": -2.0, "defective": -2.3, "faulty": -2.2,
        "wrong": -1.5, "error": -1.3, "errors": -1.3, "mistake": -1.5, "mistakes": -1.5, "problem": -1.2,
        "problems": -1.3, "issue": -0.8, "issues": -0.9, "trouble": -1.3, "complaint": -1.8,
        "complain": -1.6, "complaining": -1.6, "late": -1.2, "delayed": -1.6, "delay": -1.4, "delays": -1.5,
        "missing": -1.4, "lost": -1.6, "slow": -1.5, "slower": -1.5, "expensive": -1.3, "overpriced": -2.0,
        "overcharged": -2.6, "overcharging": -2.6, "cheated": -3.0, "scam": -3.2, "scammed": -3.2,
        "scammers": -3.2, "fraud": -3.2, "fraudulent": -3.2, "rip": -1.0, "ripoff": -3.0, "rip-off": -3.0,
        "stolen": -2.6, "steal": -2.5, "stealing": -2.6, "lied": -2.8, "lie": -2.2, "lies": -2.4,
        "lying": -2.8, "liar": -3.0, "liars": -3.0, "misleading": -2.4, "ignored": -2.3, "ignoring": -2.3,
        "excuse": -1.2, "excuses": -1.6, "runaround": -2.4, "incompetence": -3.0, "hassle": -1.8,
        "annoyance": -1.8, "inconvenience": -1.6, "inconvenient": -1.5, "pain": -1.8, "painful": -2.0,
        "forever": -1.0, "ages": -0.8, "again": -0.3, "still": -0.3, "unbelievable": -1.6,
        "cancel": -0.8, "cancelling": -0.9, "canceling": -0.9, "refund": -0.6, "lawyer": -2.5,
        "lawyers": -2.5, "attorney": -2.5, "sue": -2.8, "suing": -2.8, "lawsuit": -2.8, "court": -1.5,
        "complaints": -1.8, "ombudsman": -2.0, "regulator": -1.5, "chargeback": -2.0, "leaving": -0.8,
        "switching": -0.8, "competitor": -1.0, "never": -0.5, "nobody": -0.6, "hung": -1.2,
        "damn": -2.2, "dammit": -2.4, "hell": -2.0, "bloody": -1.8, "wtf": -3.0, "ugh": -1.8, "argh": -2.0,
        "sucks": -2.6, "suck": -2.4, "sucked": -2.5, "screwed": -2.6, "unreal": -1.2, "insane": -1.8,
        "shame": -1.9, "waste": -2.2, "wasted": -2.3, "wasting": -2.3, "threat": -2.0, "threatening": -2.4,
        // warmth, praise
        "good": 1.9, "great": 3.0, "excellent": 3.3, "amazing": 3.3, "awesome": 3.1, "fantastic": 3.3,
        "wonderful": 3.2, "brilliant": 3.1, "superb": 3.3, "outstanding": 3.3, "perfect": 3.0,
        "perfectly": 2.4, "lovely": 2.8, "nice": 1.9, "fine": 0.8, "ok": 0.6, "okay": 0.6, "decent": 1.3,
        "cool": 1.5, "happy": 2.7, "glad": 2.3, "pleased": 2.4, "delighted": 3.1, "thrilled": 3.1,
        "satisfied": 2.2, "grateful": 2.8, "thankful": 2.7, "appreciate": 2.5, "appreciated": 2.5,
        "appreciative": 2.4, "thanks": 1.8, "thank": 1.8, "thx": 1.6, "cheers": 1.5, "love": 3.0,
        "loved": 3.0, "loving": 2.8, "like": 0.6, "liked": 1.4, "enjoy": 2.0, "enjoyed": 2.2,
        "helpful": 2.4, "helped": 1.6, "kind": 2.0, "kindly": 1.2, "friendly": 2.2, "polite": 2.0,
        "patient": 1.8, "professional": 1.8, "knowledgeable": 2.0, "quick": 1.4, "quickly": 1.2,
        "fast": 1.4, "efficient": 2.0, "easy": 1.6, "easily": 1.3, "smooth": 1.6, "smoothly": 1.6,
        "reliable": 1.8, "resolved": 1.8, "solved": 1.8, "fixed": 1.6, "sorted": 1.4, "works": 0.8,
        "working": 0.4, "worked": 1.0, "best": 3.0, "better": 1.6, "well": 0.5, "right": 0.2,
        "correct": 0.3, "sure": 0.3, "yes": 0.2, "yeah": 0.2, "please": 0.1, "welcome": 1.6,
        "impressed": 2.6, "impressive": 2.6, "recommend": 2.2, "beautiful": 2.8, "superstar": 3.0,
        "star": 1.6, "legend": 2.6, "hero": 2.6, "lifesaver": 3.0, "relieved": 2.0, "relief": 1.8,
        "calm": 1.0, "exactly": 0.8, "definitely": 0.4, "terrific": 3.2,
        "marvelous": 3.1, "marvellous": 3.1, "splendid": 3.0, "gorgeous": 2.8, "pleasure": 2.4,
        "pleasant": 2.2, "reasonable": 1.2, "fair": 1.0, "affordable": 1.4, "cheap": 0.2, "free": 0.8,
        "bonus": 1.6, "win": 2.0, "wow": 1.8, "yay": 2.6, "hooray": 2.6, "phew": 1.2, "congrats": 2.4,
        "congratulations": 2.4, "super": 2.2, "incredible": 2.8, "exceptional": 3.2, "smart": 1.8,
        "clever": 1.8, "trust": 1.6, "trusted": 1.8, "honest": 1.8, "valued": 1.8, "success": 2.2,
        "successful": 2.2, "successfully": 2.0, "bless": 2.2, "blessed": 2.2, "sweet": 2.0,
        "genius": 2.6, "solid": 1.4, "accurate": 1.4, "clear": 1.0, "thorough": 1.8,
        "convenient": 1.6, "flexible": 1.4, "generous": 2.4, "safe": 1.2, "secure": 1.2,
    ]

    /// Phrases, by their first word.
    static let phrases: [String: [(words: [String], value: Double)]] = {
        let list: [(String, Double)] = [
            ("thank you", 2.0), ("thank you so much", 2.8), ("thanks so much", 2.8), ("thank you very much", 2.8),
            ("thanks a lot", 2.2), ("thanks a million", 2.8), ("much appreciated", 2.6), ("well done", 2.6),
            ("good job", 2.6), ("great job", 3.0), ("no problem", 1.0), ("no worries", 1.0),
            ("you're welcome", 1.6), ("you've been very helpful", 3.0), ("you've been helpful", 2.6),
            ("made my day", 3.0), ("over the moon", 3.0), ("top notch", 3.0), ("spot on", 2.4),
            ("on hold", -1.2), ("on hold forever", -2.8), ("waiting forever", -2.6), ("waited forever", -2.6),
            ("been waiting", -1.4), ("still waiting", -2.0), ("kept waiting", -2.2), ("waiting for ages", -2.6),
            ("waited for ages", -2.6), ("cancel my account", -2.0), ("cancel my subscription", -1.6),
            ("close my account", -1.8), ("speak to a manager", -2.0), ("speak to your manager", -2.0),
            ("talk to a manager", -2.0), ("talk to your supervisor", -2.0), ("speak to a supervisor", -2.0),
            ("file a complaint", -2.4), ("make a complaint", -2.2), ("fed up", -2.6), ("sick of", -2.6),
            ("sick and tired", -3.0), ("had enough", -2.6), ("waste of time", -2.8), ("waste of money", -2.8),
            ("rip off", -3.0), ("ripped off", -3.0), ("piece of junk", -3.0), ("piece of crap", -3.2),
            ("not working", -2.0), ("isn't working", -2.0), ("doesn't work", -2.0), ("don't work", -1.8),
            ("didn't work", -2.0), ("won't work", -1.8), ("stopped working", -2.2), ("not work", -1.8),
            ("never received", -2.2), ("never arrived", -2.2), ("never got", -1.8), ("never came", -2.0),
            ("didn't receive", -2.0), ("haven't received", -1.9), ("hasn't arrived", -1.9),
            ("didn't arrive", -2.0), ("not received", -1.9), ("not arrived", -1.9), ("didn't get", -1.4),
            ("charged twice", -2.4), ("double charged", -2.4), ("hung up on me", -2.8), ("hung up", -1.8),
            ("no one", -0.4), ("nobody helps", -2.4), ("nobody called", -2.0), ("no response", -1.8),
            ("no answer", -1.4), ("no help", -2.2), ("not acceptable", -3.0), ("out of my mind", -2.4),
            ("what a joke", -2.8), ("are you kidding", -2.4), ("you're kidding", -1.8), ("kidding me", -2.4),
            ("for god's sake", -2.4), ("for crying out loud", -2.4), ("give me a break", -2.0),
            ("the worst", -3.4), ("never again", -2.8), ("last time", -0.6), ("going elsewhere", -1.8),
            ("take my business elsewhere", -2.8), ("report you", -2.6), ("bad service", -2.8),
            ("terrible service", -3.4), ("great service", 3.2), ("excellent service", 3.4),
            ("good service", 2.4), ("best service", 3.2), ("customer for years", 0.2), ("let down", -2.2),
            ("not happy", -2.2), ("not good", -1.9), ("not great", -1.6), ("not bad", 1.2),
            ("not too bad", 1.2), ("not a problem", 1.0), ("no complaints", 1.8), ("can't complain", 1.4),
            ("couldn't be happier", 3.4), ("couldn't be better", 3.2), ("can't thank you enough", 3.4),
            ("appreciate it", 2.6), ("appreciate your help", 2.8), ("lost my patience", -2.6),
            ("losing my patience", -2.6), ("out of patience", -2.6), ("at my wits end", -2.8),
        ]
        var table: [String: [(words: [String], value: Double)]] = [:]
        for (text, value) in list {
            let words = EntityTokenizer.tokenize(text).map(\.text)
            table[words[0], default: []].append((words, value))
        }
        for k in table.keys { table[k]!.sort { $0.words.count > $1.words.count } }
        return table
    }()

    /// Words that flip what follows within a few words.
    static let negators: Set<String> = [
        "not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't",
        "can't", "cannot", "couldn't", "won't", "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't",
        "ain't", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "barely", "nowhere",
        "lack", "lacking", "n't",
    ]

    /// Multipliers for the next sentiment word: intensifiers above 1, dampeners below.
    static let modifiers: [String: Double] = [
        "very": 1.3, "really": 1.3, "so": 1.3, "too": 1.25, "extremely": 1.5, "incredibly": 1.5,
        "absolutely": 1.4, "totally": 1.4, "completely": 1.4, "utterly": 1.5, "super": 1.3, "truly": 1.3,
        "highly": 1.3, "deeply": 1.3, "such": 1.25, "most": 1.3, "terribly": 1.4, "awfully": 1.4,
        "seriously": 1.3, "ridiculously": 1.5, "insanely": 1.5, "beyond": 1.4, "entirely": 1.3,
        "exceptionally": 1.4, "particularly": 1.2, "especially": 1.2, "quite": 1.1, "pretty": 1.1,
        "fairly": 0.8, "slightly": 0.5, "somewhat": 0.6, "little": 0.6, "bit": 0.6, "barely": 0.5,
        "marginally": 0.5, "mildly": 0.5, "moderately": 0.7, "rather": 0.9, "kinda": 0.6, "sorta": 0.6,
        "almost": 0.7, "partly": 0.6, "mostly": 0.85,
    ]

    /// Multi-word dampeners, matched before single modifiers.
    static let modifierPhrases: [(words: [String], factor: Double)] = [
        (["a", "bit"], 0.55), (["a", "little"], 0.55), (["a", "little", "bit"], 0.5), (["kind", "of"], 0.6),
        (["sort", "of"], 0.6), (["a", "tad"], 0.55), (["so", "much"], 1.3),
        (["way", "too"], 1.5),
    ]
}
