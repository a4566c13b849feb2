import PledgeExtract
import PledgeModel
import PledgeRegister

/// What the items list was asked for: filters from the query string, as links keep them.
struct ListRequest: Sendable, Equatable {
    static let pageSize = 50
    /// A search counts its matches up to this many, and its facets count among these: a word
    /// half the register holds need not be checked in every item to list its first page.
    static let searchCounted = 1_000
    /// A search's pages up to this many matches are sliced from the read that counts it.
    static let searchReach = 5_000
    /// Values a facet lists, most frequent first.
    static let facetValuesShown = 30
    /// Pages beyond this hold nothing in any register, and keep `(page - 1) * pageSize` far from overflow.
    static let pages = 1...1_000_000
    /// The due filter's choices; their names are the catalogues' `due.VALUE`.
    static let dueChoices = ["overdue", "90", "365", "any"]

    var document: String?
    var section: String?
    var modality: String?
    var party: String?
    var status: String?
    var due: String?
    var search: String?
    /// The language to show a commitment in two texts in (`lang`); its original's without one.
    var language: String?
    var page = 1

    init(_ fields: FormFields) throws {
        document = fields.text("document")
        section = fields.text("section")
        modality = fields.text("modality")
        party = fields.text("party")
        status = fields.text("status")
        due = fields.text("due")
        search = fields.text("q")
        language = fields.text("lang")
        if let language, Language(rawValue: language) == nil {
            throw WebError(
                .badRequest, "query.language", "unknown language '{value}'; one of {choices}",
                ["value": language, "choices": Language.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        if let text = fields.text("page") {
            guard let number = Int(text), Self.pages.contains(number) else {
                throw WebError(
                    .badRequest, "query.number", "{name} must be a whole number from {first} to {last}, not '{value}'",
                    ["name": "page", "first": "1", "last": "\(Self.pages.upperBound)", "value": text])
            }
            page = number
        }
        if let modality, Modality(rawValue: modality) == nil {
            throw WebError(
                .badRequest, "query.modality", "unknown modality '{value}'; one of {choices}",
                ["value": modality, "choices": Modality.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        if let party, Party(rawValue: party).map(PartyNames.isKnown) != true {
            throw WebError(
                .badRequest, "query.party", "unknown party '{value}'; a country's ISO 3166 code (JP, PH, GB) or an organisation's (EU, UN, NATO)",
                ["value": party])
        }
        if let status, Status(rawValue: status) == nil {
            throw WebError(
                .badRequest, "query.status", "unknown status '{value}'; one of {choices}",
                ["value": status, "choices": Status.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        if let due, !Self.dueChoices.contains(due) {
            throw WebError(
                .badRequest, "query.due", "unknown due filter '{value}'; one of {choices}", ["value": due, "choices": Self.dueChoices.joined(separator: ", ")])
        }
        do {
            try query(today: "2000-01-01", paged: false).check()
        } catch let error as RegisterError {
            var web = WebError(error)
            web.status = .badRequest
            throw web
        }
    }

    func query(today: String, paged: Bool = true) -> ItemQuery {
        var query = ItemQuery(
            document: document, section: section, modality: modality.flatMap(Modality.init(rawValue:)),
            party: party.flatMap(Party.init(rawValue:)), status: status.flatMap(Status.init(rawValue:)), search: search,
            language: language.flatMap(Language.init(rawValue:)))
        switch due {
        case "overdue": query.overdueOn = today
        case "90", "365": query.dueBefore = Day(iso: today).map { $0.adding(days: Int(due!)!).iso }
        case "any": query.dueBefore = "9999-12-31"
        default: break
        }
        if paged {
            query.limit = Self.pageSize
            query.offset = (page - 1) * Self.pageSize
        }
        return query
    }

    /// This request with one filter changed (`nil` removes it), back on the first page.
    func with(_ field: String, _ value: String?) -> ListRequest {
        var copy = self
        copy.page = 1
        switch field {
        case "document": copy.document = value
        case "section": copy.section = value
        case "modality": copy.modality = value
        case "party": copy.party = value
        case "status": copy.status = value
        case "due": copy.due = value
        case "q": copy.search = value
        case "lang": copy.language = value
        default: break
        }
        return copy
    }

    var link: String {
        let pairs: [(String, String?)] = [
            ("q", search), ("document", document), ("section", section), ("modality", modality), ("party", party),
            ("status", status), ("due", due), ("lang", language), ("page", page > 1 ? String(page) : nil),
        ]
        let query = pairs.compactMap { name, value in value.map { name + "=" + HTML.queryValue($0) } }.joined(separator: "&")
        return query.isEmpty ? "/items" : "/items?" + query
    }

    func value(of field: String) -> String? {
        switch field {
        case "document": document
        case "section": section
        case "modality": modality
        case "party": party
        case "status": status
        case "due": due
        default: nil
        }
    }
}

extension Pages {
    struct FacetOption {
        var label: String
        var count: Int
        var link: String
        var selected: Bool
    }

    struct FacetGroup {
        var name: String
        /// The facet's name in the visitor's language.
        var label: String
        var options: [FacetOption]
        var clear: String?
    }

    struct ItemList {
        var rows: [ItemRow]
        /// `1,234`, or `more than 1,000` for a search with more matches than are counted.
        var total: String
        /// Says that facet counts are of the first matches only.
        var sampled: String?
        var first: Int
        var last: Int
        var facets: [FacetGroup]
        var search: String?
        var previous: String?
        var next: String?
        var page: Int
        var pages: String
        var filters: [Filter]
        var hasFilters: Bool
        var shown: String?
        /// Which text a commitment in two languages is shown in.
        var languages: [FacetOption]
    }

    struct Filter {
        var name: String
        var value: String
        var remove: String
    }

    /// Items with facets: each facet counts what its values would give with the other filters kept.
    func itemList(_ request: ListRequest, visitor: Visitor, csrf: String?) async throws -> Rendered {
        let t = words(visitor)
        let today = options.today()
        let query = request.query(today: today)
        let counts = request.search == nil ? try await registerCounts(request, today: today) : try await sampleCounts(request, today: today)
        // A search's page is a slice of the matches read for its counts, when they reach it.
        let items = if let matches = counts.matches, matches.count <= ListRequest.searchCounted || query.offset + ListRequest.pageSize <= matches.count {
            Array(matches.dropFirst(query.offset).prefix(ListRequest.pageSize))
        } else {
            try await register.items(matching: query)
        }
        let total = counts.total
        var facets: [FacetGroup] = []
        for field in FacetField.allCases {
            let selected = request.value(of: field.rawValue)
            facets.append(FacetGroup(
                name: field.rawValue, label: t["facet.\(field.rawValue)"],
                options: counts.facets[field, default: []].prefix(ListRequest.facetValuesShown).map { c in
                    FacetOption(
                        label: facetLabel(field, c, t), count: c.count, link: request.with(field.rawValue, c.value).link,
                        selected: c.value == selected)
                },
                clear: selected == nil ? nil : request.with(field.rawValue, nil).link))
        }
        let dueOptions = zip(ListRequest.dueChoices, counts.due).map { choice, count in
            FacetOption(label: t["due.\(choice)"], count: count, link: request.with("due", choice).link, selected: request.due == choice)
        }
        facets.append(FacetGroup(name: "due", label: t["facet.due"], options: dueOptions, clear: request.due == nil ? nil : request.with("due", nil).link))
        let capped = counts.capped

        let pages = max(1, (total + ListRequest.pageSize - 1) / ListRequest.pageSize)
        // Past the counted matches a search still pages on while pages are full.
        let hasNext = request.page < pages || capped && items.count == ListRequest.pageSize
        var previous = request, next = request
        previous.page -= 1
        next.page += 1
        let filters: [Filter] = ["q", "document", "section", "modality", "party", "status", "due"].compactMap { name in
            let value = name == "q" ? request.search : request.value(of: name)
            return value.map { Filter(name: t["facet.\(name == "q" ? "search" : name)"], value: $0, remove: request.with(name, nil).link) }
        }
        let model = ItemList(
            rows: items.map { row($0, today: today, t) }, total: capped ? t("items.moreThan", ["count": total.formatted()]) : total.formatted(),
            sampled: capped ? t("items.sampled", ["count": total.formatted()]) : nil, first: total == 0 ? 0 : query.offset + 1,
            last: query.offset + items.count, facets: facets, search: request.search,
            previous: request.page > 1 ? previous.link : nil, next: hasNext ? next.link : nil,
            page: request.page, pages: capped ? t["items.manyPages"] : String(pages), filters: filters, hasFilters: !filters.isEmpty,
            shown: items.isEmpty ? nil : "\(query.offset + 1)–\(query.offset + items.count)",
            languages: [(nil, t["lang.original"]), ("ja", "日本語"), ("en", "English")].map { value, label in
                FacetOption(label: label, count: 0, link: request.with("lang", value).link, selected: request.language == value)
            })
        return framed("items", model, title: request.search.map { t("title.itemsSearch", ["search": $0]) } ?? t["title.items"], visitor: visitor, csrf: csrf,
                      search: request.search ?? "")
    }

    /// What the list's counts say: its total, each facet's counts and the due choices' counts.
    struct ListCounts {
        var total: Int
        /// A search with more matches than `ListRequest.searchCounted`: `total` is that many,
        /// and the counts are among them.
        var capped = false
        var facets: [FacetField: [FacetCount]] = [:]
        var due: [Int] = []
        /// A search's first matches, in list order, as read for its counts.
        var matches: [ItemSummary]?
    }

    /// Counts made by the register: each facet with its own filter left out.
    func registerCounts(_ request: ListRequest, today: String) async throws -> ListCounts {
        var counts = ListCounts(total: 0)
        // Facets that share a query (their own filter is not set) are read in one grouping.
        var byQuery: [String: (query: ItemQuery, fields: [FacetField])] = [:]
        for field in FacetField.allCases {
            let others = request.with(field.rawValue, nil)
            byQuery[others.link, default: (others.query(today: today, paged: false), [])].fields.append(field)
        }
        for (query, fields) in byQuery.values {
            counts.facets.merge(try await register.facets(fields, matching: query)) { a, _ in a }
        }
        // Every item has one status: without a status filter, the status facet counts the list.
        if request.status == nil {
            counts.total = counts.facets[.status, default: []].reduce(0) { $0 + $1.count }
        } else {
            counts.total = try await register.count(matching: request.query(today: today, paged: false))
        }
        // The due choices' counts from the due dates counted by day, in one read.
        let days = try await register.dueBins(matching: request.with("due", nil).query(today: today, paged: false), asOf: today)
        let day = Day(iso: today)
        for choice in ListRequest.dueChoices {
            counts.due.append(days.reduce(0) { sum, bin in
                switch choice {
                case "overdue": sum + bin.overdue
                case "any": sum + bin.total
                default: sum + (day.map { bin.day <= $0.adding(days: Int(choice)!).iso } == true ? bin.total : 0)
                }
            })
        }
        return counts
    }

    /// Counts of a search, among its first `ListRequest.searchCounted` matches: each set of
    /// filters is read once, at most that many items, and counted here.
    func sampleCounts(_ request: ListRequest, today: String) async throws -> ListCounts {
        let cap = ListRequest.searchCounted
        // Reads by their filters: the page does not change what is matched.
        var samples: [String: [ItemSummary]] = [:]
        func key(_ r: ListRequest) -> String {
            var first = r
            first.page = 1
            return first.link
        }
        func sample(_ r: ListRequest) async throws -> [ItemSummary] {
            if let known = samples[key(r)] { return known }
            var query = r.query(today: today, paged: false)
            query.limit = cap + 1
            let found = try await register.items(matching: query)
            samples[key(r)] = found
            return found
        }
        // The list's own matches reach its page where that is not far past the counted ones, so
        // that a later page is sliced from the same read.
        let reach = request.page * ListRequest.pageSize
        var own = request.query(today: today, paged: false)
        own.limit = reach <= ListRequest.searchReach ? max(cap + 1, reach) : cap + 1
        let matches = try await register.items(matching: own)
        samples[key(request)] = matches
        var counts = ListCounts(total: min(matches.count, cap), capped: matches.count > cap, matches: matches)
        for field in FacetField.allCases {
            let items = try await sample(request.with(field.rawValue, nil)).prefix(cap)
            let groups = items.flatMap { item -> [FacetCounts.Group] in
                let value: String = switch field {
                case .document: item.document
                case .section: item.section.flatMap { $0.isEmpty ? nil : $0 } ?? item.sectionID
                case .modality: item.modality.rawValue
                case .party: item.parties.map(\.rawValue).joined(separator: ",")
                case .status: item.status.rawValue
                }
                return [FacetCounts.Group(value: value, heading: item.section, status: item.status.rawValue, count: 1)]
            }
            var merged = FacetCounts.merge(groups, field: field)
            // Titles for the documents the facet shows only: a search may span a thousand.
            if field == .document {
                let shown = merged.indices.prefix(ListRequest.facetValuesShown)
                let titles = Dictionary(
                    try await register.documents(keys: shown.map { merged[$0].value }).map { ($0.key, $0.title) }, uniquingKeysWith: { a, _ in a })
                for i in shown { merged[i].label = titles[merged[i].value] ?? nil }
            }
            counts.facets[field] = merged
        }
        let undated = try await sample(request.with("due", nil)).prefix(cap)
        let day = Day(iso: today)
        for choice in ListRequest.dueChoices {
            counts.due.append(undated.filter { item in
                guard let due = item.due else { return false }
                switch choice {
                case "overdue": return item.isOverdue(asOf: today)
                case "any": return true
                default: return day.map { due <= $0.adding(days: Int(choice)!).iso } ?? false
                }
            }.count)
        }
        return counts
    }

    /// A party as the register's bilingual readers know it: `Philippines · フィリピン`.
    static func partyName(_ party: Party) -> String {
        let en = PartyNames.name(of: party, in: .en), ja = PartyNames.name(of: party, in: .ja)
        return en == ja ? en : "\(en) · \(ja)"
    }

    func facetLabel(_ field: FacetField, _ count: FacetCount, _ t: Catalogue) -> String {
        switch field {
        case .modality: Modality(rawValue: count.value).map { t.modality($0) } ?? count.value
        case .status: Status(rawValue: count.value).map { t.status($0) } ?? count.value
        case .party: Party(rawValue: count.value).map(Self.partyName) ?? count.value
        default: count.label ?? count.value
        }
    }
}
