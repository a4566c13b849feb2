/// Reports of something done in a Japanese sentence (`ProgressCue`): an action noun in the
/// past (`署名した`, `開催された`, `完成させた`, `発足しました`, `署名を行った`), a verb of it in
/// the past (`立ち上げた`, `引き渡した`), or the action welcomed as an event (`署名を歓迎する`).
/// A past form that only opens a condition or a plan (`完成した後`, `署名した上で`,
/// `開始した場合`) is no report.
enum JapaneseProgress {
    /// Action nouns and the stems of action verbs, longest first where one begins another.
    static let actions: [(stem: String, action: ProgressCue.Action)] = [
        ("署名", .sign), ("締結", .sign), ("調印", .sign), ("立ち上げ", .launch), ("立上げ", .launch), ("打ち上げ", .launch),
        ("開始", .start), ("着手", .start), ("始動", .start), ("開催", .hold), ("実施", .hold), ("発足", .establish), ("設立", .establish),
        ("設置", .establish), ("創設", .establish), ("開設", .open), ("開所", .open), ("完成", .complete), ("完了", .complete),
        ("終了", .complete), ("達成", .achieve), ("実現", .achieve), ("引き渡し", .deliver), ("引渡し", .deliver),
        ("納入", .deliver), ("供与", .deliver), ("発効", .enterIntoForce),
    ]

    /// What makes a noun or stem past: `した`, `された`, `させた`, `しました`, `を行った`, `が行われた`; for a verb stem, `た`, `られた`.
    static let pastEndings = [
        "した", "された", "させた", "しました", "されました", "させました", "を行った", "が行われた", "を行いました", "が行われました",
        "を実施した", "が実施された", "た", "られた", "ました", "られました",
    ]

    /// Endings that only a verb stem (`立ち上げ`, `引き渡し`) takes; a noun (`署名`) with them is no verb.
    static let stemOnly: Set<String> = ["た", "られた", "ました", "られました"]

    /// What welcomes an action as an event: `署名を歓迎`, `発足を祝`.
    static let welcomes = ["を歓迎", "を祝", "以来", "を受け"]

    /// What after a past form makes it a condition, a plan or a wish (`したい`).
    static let conditions = ["場合", "上で", "後", "ら", "あと", "い"]

    static func cue(in sentence: String) -> ProgressCue? {
        var i = sentence.startIndex
        while i < sentence.endIndex {
            let rest = sentence[i...]
            for (stem, action) in actions where rest.hasPrefix(stem) {
                let after = sentence[sentence.index(i, offsetBy: stem.count)...]
                let verbStem = stem.hasSuffix("げ") || stem.hasSuffix("し")
                for ending in pastEndings where after.hasPrefix(ending) {
                    if stemOnly.contains(ending), !verbStem { continue }
                    let end = sentence.index(after.startIndex, offsetBy: ending.count)
                    if conditions.contains(where: { sentence[end...].hasPrefix($0) }) { break }
                    return ProgressCue(action: action, text: String(sentence[i..<end]))
                }
                for welcome in welcomes where after.hasPrefix(welcome) {
                    return ProgressCue(action: action, text: String(sentence[i..<sentence.index(after.startIndex, offsetBy: welcome.count)]))
                }
            }
            i = sentence.index(after: i)
        }
        return nil
    }

    /// Whether `promise` promised `action` itself: `署名する` for `署名した`.
    static func promises(_ action: ProgressCue.Action, in promise: String) -> Bool {
        actions.contains { $0.action == action && promise.contains($0.stem) }
    }
}
