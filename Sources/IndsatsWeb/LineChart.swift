import IndsatsCore

/// A line chart as SVG: one line per series over shared x labels, with a
/// legend, Danish numbers on the axis and a text alternative.
struct LineChart {
    struct Series {
        var name: String
        var values: [Double]
    }

    var title: String
    var description: String
    var labels: [String]
    var series: [Series]
    var width = 1040.0
    var height = 420.0
    /// Unique on the page: the title and text alternative are found by ids made from it.
    var id = "graf"

    static let palette = [
        "#0b3d5c", "#d1495b", "#edae49", "#00798c", "#30638e", "#6a4c93", "#8ab17d",
        "#e76f51", "#264653", "#b5838d", "#4d908e", "#9c6644", "#577590",
    ]

    /// The chart with its text alternative as a caption.
    func figure() -> HTML { "<figure>\(svg())<figcaption>\(description)</figcaption></figure>" }

    func svg() -> HTML {
        let left = 60.0, right = 270.0, top = 20.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = niceCeiling(series.flatMap(\.values).max() ?? 1)
        func x(_ i: Int) -> Double { labels.count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(labels.count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / maxValue) }
        var out: HTML = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-titel \(id)-tekst" style="max-width:100%;height:auto">
            <title id="\(id)-titel">\(title)</title>
            <desc id="\(id)-tekst">\(description)</desc>
            """
        for step in 0...4 {
            let v = maxValue * Double(step) / 4
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            out +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"12\">\(DanishFormat.number(v, decimals: 0))</text>"
        }
        // At most eight labels, so they never overlap.
        let every = max(1, (labels.count + 7) / 8)
        for (i, label) in labels.enumerated() where i % every == 0 {
            out += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\" font-size=\"11\">\(label)</text>"
        }
        for (n, s) in series.enumerated() {
            let color = LineChart.palette[n % LineChart.palette.count]
            let points = s.values.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"><title>\(s.name)</title></polyline>"
            let ly = top + Double(n) * 18
            out += "<rect x=\"\(f(width - right + 12))\" y=\"\(f(ly))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            out += "<text x=\"\(f(width - right + 30))\" y=\"\(f(ly + 10))\" font-size=\"12\">\(s.name)</text>"
        }
        return out + "</svg>"
    }

    /// A round number at or above `v` for the axis top.
    func niceCeiling(_ v: Double) -> Double {
        guard v > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= v { magnitude *= 10 }
        while magnitude > v { magnitude /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= v { return m * magnitude }
        return 10 * magnitude
    }

    private func f(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
}
