import PledgeModel
import Foundation
import PledgeExtract
import PledgeRegister

/// Charts drawn by the server as inline SVG: they need no script, print, and scale with the
/// page. Colours are presentation attributes, which the page's content policy allows.
enum Charts {
    struct Bar {
        var label: String
        var value: Double
        var valueLabel: String
        var link: String?
    }

    /// Horizontal bars, longest first as given, labels on the left.
    static func bars(_ bars: [Bar], title: String) -> String {
        guard let largest = bars.map(\.value).max(), largest > 0 else {
            return "<p class=\"empty\">Nothing to chart.</p>"
        }
        let row = 26.0, labelWidth = 260.0, width = 720.0, barSpace = width - labelWidth - 110
        let height = row * Double(bars.count) + 8
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTML.escape(title))" \
            xmlns="http://www.w3.org/2000/svg"><title>\(HTML.escape(title))</title>
            """
        for (i, bar) in bars.enumerated() {
            let y = 4 + row * Double(i)
            let length = max(2, barSpace * bar.value / largest)
            var label = bar.label
            if label.count > 28 { label = String(label.prefix(27)) + "…" }
            var shapes = """
                <text x="\(Int(labelWidth - 8))" y="\(fmt(y + 17))" text-anchor="end" font-size="13">\(HTML.escape(label))</text>\
                <rect x="\(Int(labelWidth))" y="\(fmt(y + 3))" width="\(fmt(length))" height="\(fmt(row - 8))" fill="#3b6ea5">\
                <title>\(HTML.escape(bar.label)): \(HTML.escape(bar.valueLabel))</title></rect>\
                <text x="\(fmt(labelWidth + length + 6))" y="\(fmt(y + 17))" font-size="12">\(HTML.escape(bar.valueLabel))</text>
                """
            if let link = bar.link { shapes = "<a href=\"\(HTML.escape(link))\">\(shapes)</a>" }
            svg += shapes
        }
        return svg + "</svg>"
    }

    /// Due dates counted by the register (`DueBin`) as stacked bars along a line of years:
    /// red overdue, green open, grey kept or broken, and a line at today. Months become
    /// years, decades or centuries as the span grows, so that there are never more than
    /// about 150 bars whatever the register holds.
    static func timeline(_ days: [DueBin], today: String, _ t: Catalogue) -> String {
        guard let first = days.first, let last = days.last, let firstYear = Int(first.day.prefix(4)),
              let lastYear = Int(last.day.prefix(4))
        else {
            return "<p class=\"empty\">\(t["chart.noDueDates"])</p>"
        }
        let todayYear = Day(iso: today)?.year
        let startYear = min(firstYear, todayYear ?? firstYear), endYear = max(lastYear, todayYear ?? lastYear) + 1
        let span = endYear - startYear
        let (years, unit): (Int, String) = span <= 12 ? (0, "month") : span <= 150 ? (1, "year") : span <= 1500 ? (10, "decade") : (100, "century")
        // Bins keyed by their first month counted from January of startYear.
        func binStart(_ day: String) -> Int {
            let year = Int(day.prefix(4)) ?? startYear, m = Int(day.dropFirst(5).prefix(2)) ?? 1
            let index = (year - startYear) * 12 + m - 1
            return years == 0 ? index : index - index % (years * 12)
        }
        var bins: [Int: DueBin] = [:]
        for day in days {
            let key = binStart(day.day)
            var bin = bins[key] ?? DueBin(day: String(day.day.prefix(7)), overdue: 0, open: 0, settled: 0)
            bin.overdue += day.overdue
            bin.open += day.open
            bin.settled += day.settled
            bins[key] = bin
        }
        let binMonths = years == 0 ? 1 : years * 12
        let totalMonths = span * 12
        let width = 720.0, left = 20.0, right = 20.0, axis = 110.0, top = 20.0
        func x(_ month: Int) -> Double { left + (width - left - right) * Double(month) / Double(max(1, totalMonths)) }
        let tallest = Double(bins.values.map(\.total).max() ?? 1)
        let dated = days.reduce(0) { $0 + $1.total }, late = days.reduce(0) { $0 + $1.overdue }
        let summary = HTML.escape(t("chart.timeline", [
            "count": String(dated), "from": String(format: "%04d", firstYear), "to": String(format: "%04d", lastYear),
            "unit": t["chart.by.\(unit)"], "late": String(late),
        ]))
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(axis + 30))" role="img" aria-label="\(summary)" \
            xmlns="http://www.w3.org/2000/svg"><title>\(summary)</title>\
            <line x1="\(fmt(left))" y1="\(fmt(axis))" x2="\(fmt(width - right))" y2="\(fmt(axis))" stroke="#555"/>
            """
        // Years labelled no closer than 45 units apart: every one over a short span, every
        // fifth or tenth over decades.
        let perYear = (width - left - right) / Double(max(1, span))
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].first { Double($0) * perYear >= 45 } ?? 2000
        for year in stride(from: startYear, through: endYear, by: 1) where (year - startYear) % max(1, step / 5) == 0 || year == endYear {
            let tx = x((year - startYear) * 12)
            svg += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(axis))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(axis + 6))\" stroke=\"#555\"/>"
            if year < endYear && (year % step == 0 || year == startYear && step <= 2) {
                let mid = step == 1 ? x((year - startYear) * 12 + 6) : tx
                svg += "<text x=\"\(fmt(mid))\" y=\"\(fmt(axis + 22))\" text-anchor=\"middle\" font-size=\"13\">\(year)</text>"
            }
        }
        let barWidth = max(1.5, x(binMonths) - x(0) - 1)
        for key in bins.keys.sorted() {
            let bin = bins[key]!
            var y = axis
            let label = years == 0 ? bin.day : String(startYear + key / 12) + (years == 1 ? "" : "s")
            for (count, colour, name) in [(bin.settled, "#999", t["chart.settled"]), (bin.open, "#2e7d32", t["chart.open"]), (bin.overdue, "#c0392b", t["chart.overdue"])]
            where count > 0 {
                let height = max(1, (axis - top) * Double(count) / tallest)
                y -= height
                svg += """
                    <rect x="\(fmt(x(key)))" y="\(fmt(y))" width="\(fmt(barWidth))" height="\(fmt(height))" fill="\(colour)">\
                    <title>\(HTML.escape(label)): \(count) \(HTML.escape(name))</title></rect>
                    """
            }
        }
        if let now = Day(iso: today), now.year >= startYear, now.year < endYear {
            let tx = x((now.year - startYear) * 12 + now.month - 1)
            svg += """
                <line x1="\(fmt(tx))" y1="4" x2="\(fmt(tx))" y2="\(fmt(axis))" stroke="#c0392b" stroke-dasharray="4 3"/>\
                <text x="\(fmt(tx + 4))" y="14" font-size="12" fill="#c0392b">\(HTML.escape(t["chart.today"]))</text>
                """
        }
        return svg + "</svg>"
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
