import IndsatsCore

/// A yearly net as bars (below the zero line when negative) with the cumulated
/// net as a line, in SVG with a text alternative that gives every figure.
struct NetChart {
    var title: String
    var labels: [String]
    var yearly: [Double]
    var cumulative: [Double]
    var width = 720.0
    var height = 300.0

    var description: String {
        labels.indices.map {
            "\(labels[$0]): netto \(DanishFormat.number(yearly[$0], decimals: 0)) kr., akkumuleret \(DanishFormat.number(cumulative[$0], decimals: 0)) kr."
        }
        .joined(separator: " ")
    }

    /// The chart with its text alternative as a caption.
    func figure() -> HTML { "<figure>\(svg())<figcaption>\(description)</figcaption></figure>" }

    func svg() -> HTML {
        let left = 90.0, right = 20.0, top = 20.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let values = yearly + cumulative + [0]
        let high = values.max()!, low = values.min()!
        let span = high - low == 0 ? 1 : high - low
        func y(_ v: Double) -> Double { top + plotH * (high - v) / span }
        let slot = plotW / Double(max(1, labels.count))
        func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }
        var out: HTML = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="net-title net-desc" style="max-width:100%;height:auto">
            <title id="net-title">\(title)</title>
            <desc id="net-desc">\(description)</desc>
            """
        for v in Set([high, 0, low]).sorted() {
            out +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"\(v == 0 ? "#555" : "#ddd")\"/>"
            out +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"12\">\(DanishFormat.number(v, decimals: 0))</text>"
        }
        for (i, v) in yearly.enumerated() {
            let barTop = y(max(v, 0)), bar = abs(y(v) - y(0))
            out +=
                "<rect x=\"\(f(x(i) - slot * 0.3))\" y=\"\(f(barTop))\" width=\"\(f(slot * 0.6))\" height=\"\(f(bar))\" fill=\"\(v < 0 ? "#d1495b" : "#00798c")\"><title>\(labels[i]): \(DanishFormat.number(v, decimals: 0)) kr.</title></rect>"
            out += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\" font-size=\"12\">\(labels[i])</text>"
        }
        let points = cumulative.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
        out +=
            "<polyline fill=\"none\" stroke=\"#0b3d5c\" stroke-width=\"2\" points=\"\(points)\"><title>Akkumuleret netto</title></polyline>"
        for (i, v) in cumulative.enumerated() { out += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3\" fill=\"#0b3d5c\"/>" }
        return out + "</svg>"
    }

    private func f(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
}
