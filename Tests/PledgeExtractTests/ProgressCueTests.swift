import PledgeModel
import Testing

@testable import PledgeExtract

/// Reports of something done, taken or adapted from real statements, fact sheets and Diet
/// speeches (the seed, `Fixtures/links`, `Fixtures/real`), and the plans, promises and figures
/// of speech that look like them. Each row says everything the sentence holds: the action and
/// the words that report it, or that there is no report.
@Suite struct ProgressCueTests {
    typealias Row = (sentence: String, action: ProgressCue.Action?, text: String?)

    static let english: [Row] = [
        ("President Biden and Prime Minister Suga have launched a new Competitiveness and Resilience (CoRe) Partnership.", .launch, "have launched"),
        ("In our first year, we established the Quad Vaccine Experts Group.", .establish, "established"),
        ("We are proud to have delivered over 670 million doses to the region.", .deliver, "have delivered"),
        ("The Implementing Arrangement was signed by NASA and MEXT on April 9.", .sign, "was signed"),
        ("The leaders welcomed the signing of the Reciprocal Access Agreement.", .sign, "welcomed the signing of"),
        ("We welcome the successful launch of the Quad Fellowship.", .launch, "welcome the successful launch of"),
        ("The Agreement entered into force on 1 September 2023.", .enterIntoForce, "entered into force"),
        ("Japan completed three new ground stations for QZSS in Alaska, California and Guam.", .complete, "completed"),
        ("The first trilateral summit was held at Camp David in August 2023.", .hold, "was held"),
        ("Since the establishment of the Partnership, eight projects have started.", .establish, "Since the establishment of"),
        ("Partners, such as the recently concluded Maritime Cooperative Activity, trained together.", .complete, "concluded"),
        ("Three countries' leaders convened at Camp David to inaugurate a new era.", .hold, "convened"),
        ("Japan, the Philippines and the United States conducted the first maritime cooperative activity in April 2024.", .hold, "conducted"),
        // Plans, promises and hopes.
        ("The first annual trilateral youth summit is to be held in Busan in early 2024.", nil, nil),
        ("The two countries will be launching a new dialogue next year.", nil, nil),
        ("Japan intends to sign the agreement by the end of the year.", nil, nil),
        ("We plan to have completed the review by 2026.", nil, nil),
        ("The framework has not yet entered into force.", nil, nil),
        ("We look forward to the launch of the new fund.", nil, nil),
        // `held` and `opened` that are no event.
        ("It is the product of a determination, fiercely held by each of us, that we must act.", nil, nil),
        ("Those responsible must be held accountable for these acts.", nil, nil),
        ("The United States and Japan will deepen cooperation on clean energy.", nil, nil),
    ]

    static let japanese: [Row] = [
        ("日米両国は、月面での有人宇宙飛行協力に関する歴史的な実施取決めに署名した。", .sign, "署名した"),
        ("日米両国は、新たな地上運用局をアラスカ、カリフォルニア及びグアムに完成させたことを発表した。", .complete, "完成させた"),
        ("宇宙技術のための保障措置に関する協定の交渉を開始した。", .start, "開始した"),
        ("地熱エネルギーに関する協力覚書（MOC）が署名された。", .sign, "署名された"),
        ("日本が新たに立ち上げた産業プラットフォームを通じて協力する。", .launch, "立ち上げた"),
        ("グローバル・スタートアップ・キャンパスの設立を歓迎し、イノベーションを促進する。", .establish, "設立を歓迎"),
        ("昨年十一月開催されたＣＯＰ27の成果の上に、取組を進めます。", .hold, "開催された"),
        ("日米豪印首脳会合が東京で開催されました。", .hold, "開催されました"),
        ("防衛装備品の引き渡しを行った。", .deliver, "引き渡しを行った"),
        ("経済版「２＋２」が発足しました。", .establish, "発足しました"),
        ("協定は2023年9月1日に発効した。", .enterIntoForce, "発効した"),
        ("日米比3か国は、南シナ海において初の共同訓練を実施した。", .hold, "実施した"),
        ("3か国は、2025年に共同訓練を実施する。", nil, nil),
        // Plans, conditions and wishes.
        ("日本は、2026年3月までにQZSS衛星を2基打ち上げる。", nil, nil),
        ("両国は、年内に協定に署名する意図を有する。", nil, nil),
        ("施設が完成した後、運用を開始する予定である。", nil, nil),
        ("協定に署名した上で、国内手続を進める。", nil, nil),
        ("来年、対話を開始したい。", nil, nil),
        ("署名の準備を進める。", nil, nil),
    ]

    @Test(arguments: english)
    func englishReports(_ row: Row) {
        let cue = ProgressCue.find(in: row.sentence, language: .en)
        #expect(cue?.action == row.action, "\(row.sentence)")
        #expect(cue?.text == row.text, "\(row.sentence)")
    }

    @Test(arguments: japanese)
    func japaneseReports(_ row: Row) {
        let cue = ProgressCue.find(in: row.sentence, language: .ja)
        #expect(cue?.action == row.action, "\(row.sentence)")
        #expect(cue?.text == row.text, "\(row.sentence)")
    }

    /// Signing is done for a promise to sign, and under way for a promise to carry the agreement out.
    @Test func howFarAReportTakesAPromise() throws {
        let signed = try #require(ProgressCue.find(in: "The two governments signed the agreement.", language: .en))
        #expect(signed.stage(promise: "Japan and the United States will sign an agreement on space.", language: .en) == .done)
        #expect(signed.stage(promise: "Japan will strengthen cooperation on space.", language: .en) == .underway)
        let completed = try #require(ProgressCue.find(in: "Japan completed the ground stations.", language: .en))
        #expect(completed.stage(promise: "Japan will build ground stations.", language: .en) == .done)
        let held = try #require(ProgressCue.find(in: "第1回会合が東京で開催された。", language: .ja))
        #expect(held.stage(promise: "日米両国は、2025年に第1回会合を開催する。", language: .ja) == .done)
        #expect(held.stage(promise: "日米両国は、協力を強化する。", language: .ja) == .underway)
    }
}
