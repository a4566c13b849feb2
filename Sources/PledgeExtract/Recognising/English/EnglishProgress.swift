/// Reports of something done in an English sentence (`ProgressCue`): a past participle of
/// an action (`signed`, `launched`, `held`, `completed`, `entered into force`), or the action
/// named as an event a sentence welcomes or follows (`welcomed the signing of`, `since the
/// launch of`). Words of plan, promise or doubt just before it (`will be held`, `plan to
/// be launched`, `not yet signed`) make it no report.
enum EnglishProgress {
    /// Past forms of each action, as one or more words.
    static let done: [(words: [String], action: ProgressCue.Action)] = [
        (["signed"], .sign), (["concluded"], .complete), (["launched"], .launch), (["started"], .start), (["began"], .start),
        (["begun"], .start), (["commenced"], .start), (["initiated"], .start), (["held"], .hold), (["convened"], .hold),
        (["hosted"], .hold), (["conducted"], .hold), (["established"], .establish), (["created"], .establish), (["founded"], .establish),
        (["opened"], .open), (["inaugurated"], .open), (["completed"], .complete), (["finished"], .complete),
        (["finalized"], .complete), (["finalised"], .complete), (["delivered"], .deliver), (["handed", "over"], .deliver),
        (["achieved"], .achieve), (["fulfilled"], .achieve), (["entered", "into", "force"], .enterIntoForce),
        (["came", "into", "force"], .enterIntoForce), (["took", "effect"], .enterIntoForce),
    ]

    /// The action named as an event, after a word that treats it as past (`welcomed`, `since`).
    static let events: [String: ProgressCue.Action] = [
        "signing": .sign, "conclusion": .complete, "launch": .launch, "launching": .launch, "start": .start,
        "commencement": .start, "holding": .hold, "convening": .hold, "establishment": .establish, "creation": .establish,
        "opening": .open, "inauguration": .open, "completion": .complete, "delivery": .deliver, "handover": .deliver,
        "achievement": .achieve, "entry": .enterIntoForce,
    ]

    /// Words that treat the event after them as having happened.
    static let eventOpeners: Set<String> = [
        "welcome", "welcomed", "welcomes", "welcoming", "celebrate", "celebrated", "celebrates", "applaud", "applauded",
        "commend", "commended", "following", "since", "after", "marking", "marked", "marks",
    ]

    /// Words before which a past form is not a report: a plan, a promise, a hope or a denial.
    static let blockers: Set<String> = [
        "will", "shall", "would", "could", "should", "may", "might", "must", "be", "not", "never", "yet", "plan", "plans",
        "planned", "aim", "aims", "intend", "intends", "seek", "seeks", "expect", "expects", "expected", "scheduled",
        "hope", "hopes", "forward", "if", "unless", "once", "until", "when",
    ]

    /// What follows `held` when it is not a meeting held: `held by`, `held accountable`.
    static let notAnEvent: [String: Set<String>] = [
        "held": ["by", "accountable", "responsible", "that", "hostage", "back", "up", "dear"],
        "opened": ["up", "fire"],
    ]

    /// Base forms of each action, for whether a commitment promised it (`will sign`).
    static let promised: [ProgressCue.Action: Set<String>] = [
        .sign: ["sign", "signing", "conclude", "concluding"],
        .launch: ["launch", "launching", "start", "initiate"],
        .start: ["start", "starting", "begin", "beginning", "commence", "initiate", "launch"],
        .hold: ["hold", "holding", "convene", "convening", "host", "hosting", "conduct", "conducting"],
        .establish: ["establish", "establishing", "create", "creating", "found", "set"],
        .open: ["open", "opening", "inaugurate"],
    ]

    struct Word {
        var text: Substring
        var lower: String
    }

    static func words(_ s: String) -> [Word] {
        var out: [Word] = []
        var start: String.Index?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            let isWord = c.isASCII && (c.isLetter || c == "'")
            if isWord, start == nil { start = i }
            if !isWord, let st = start {
                out.append(Word(text: s[st..<i], lower: s[st..<i].lowercased()))
                start = nil
            }
            i = s.index(after: i)
        }
        if let st = start { out.append(Word(text: s[st...], lower: s[st...].lowercased())) }
        return out
    }

    static func cue(in sentence: String) -> ProgressCue? {
        let w = words(sentence)
        func blocked(before n: Int) -> Bool {
            w[max(0, n - 3)..<n].contains { blockers.contains($0.lower) }
        }
        func text(_ from: Int, _ to: Int) -> String { String(sentence[w[from].text.startIndex..<w[to].text.endIndex]) }
        for n in w.indices {
            for (form, action) in done where w[n].lower == form[0] && n + form.count <= w.count {
                guard zip(form, w[n..<n + form.count]).allSatisfy({ $0 == $1.lower }) else { continue }
                if n + 1 < w.count, notAnEvent[form[0]]?.contains(w[n + 1].lower) == true { continue }
                guard !blocked(before: n) else { continue }
                return ProgressCue(action: action, text: text(max(0, n - (n > 0 && isAuxiliary(w[n - 1].lower) ? 1 : 0)), n + form.count - 1))
            }
            // `welcomed the successful launch of`: an opener, at most two words, the event, `of`.
            if eventOpeners.contains(w[n].lower), n + 2 < w.count {
                for k in n + 1...min(n + 3, w.count - 2) {
                    guard let action = events[w[k].lower], w[k + 1].lower == "of" || (action == .enterIntoForce && w[k + 1].lower == "into")
                    else { continue }
                    guard !blocked(before: n) else { break }
                    return ProgressCue(action: action, text: text(n, k + 1))
                }
            }
        }
        return nil
    }

    static func isAuxiliary(_ w: String) -> Bool { ["have", "has", "had", "was", "were", "been"].contains(w) }

    /// Whether `promise` promised `action` itself: `will sign` for `signed`.
    static func promises(_ action: ProgressCue.Action, in promise: String) -> Bool {
        guard let forms = promised[action] else { return false }
        return words(promise).contains { forms.contains($0.lower) }
    }
}
