import PledgeModel

/// A later document's report that something was done: an agreement signed, a programme
/// launched, a meeting held, a facility completed or equipment delivered (`署名した`,
/// `開始した`, `開催した`, `完成させた`, `signed`, `launched`, `completed`).
///
/// Found in one sentence by the recogniser of its language (`EnglishProgress`,
/// `JapaneseProgress`). It is a suggestion for an editor, not a verdict: the register offers
/// it on the earlier commitment's page and records nothing by itself.
public struct ProgressCue: Equatable, Sendable {
    /// What was done, the same in both languages.
    public enum Action: String, Sendable, CaseIterable {
        case sign, launch, start, hold, establish, open, complete, deliver, achieve, enterIntoForce

        /// Whether the action finishes what was promised whatever the promise was; the others
        /// begin or advance it, unless the promise was that very action (`stage(promise:)`).
        public var finishes: Bool {
            switch self {
            case .complete, .deliver, .achieve, .enterIntoForce: return true
            case .sign, .launch, .start, .hold, .establish, .open: return false
            }
        }
    }

    /// How far the later sentence says the commitment has come.
    public enum Stage: String, Sendable {
        /// Begun or advanced: a status of `in_the_works`.
        case underway
        /// Done: a status of `kept`.
        case done
    }

    public var action: Action
    /// The words of the sentence that report it, as written.
    public var text: String

    public init(action: Action, text: String) {
        self.action = action
        self.text = text
    }

    /// The first report of something done in `sentence`, or nil when it only plans, promises or hopes.
    public static func find(in sentence: String, language: Language) -> ProgressCue? {
        switch language {
        case .en: return EnglishProgress.cue(in: sentence)
        case .ja: return JapaneseProgress.cue(in: sentence)
        }
    }

    /// How far this report takes a commitment whose text is `promise`: done when the action
    /// finishes anything, or when the commitment promised this very action ("will sign" and
    /// then "signed"); under way otherwise.
    public func stage(promise: String, language: Language) -> Stage {
        if action.finishes { return .done }
        switch language {
        case .en: return EnglishProgress.promises(action, in: promise) ? .done : .underway
        case .ja: return JapaneseProgress.promises(action, in: promise) ? .done : .underway
        }
    }
}
