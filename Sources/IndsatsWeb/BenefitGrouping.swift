import IndsatsAnalytics
import IndsatsCore

/// Whether a page counts benefits by `ydelse` or by `hovedydelse` (its parameter `efter`).
///
/// A window across the 2025-07-01 merger defaults to hovedydelse, so kontanthjælp's series run on
/// through it instead of uddannelseshjælp ending in a wave of exits (docs/noegletal.md).
///
/// ```swift
/// let grouping = BenefitGrouping.chosen(view, window: window)
/// KPIQuery(measure: .fuldtidspersoner, window: window, splitBy: [grouping.dimension])
/// ```
enum BenefitGrouping: String, CaseIterable, Sendable {
    case ydelse, hovedydelse

    /// The grouping `view` asks for, else the default for `window`.
    static func chosen(_ view: PageView, window: DayRange) -> BenefitGrouping {
        BenefitGrouping(rawValue: view["efter"])
            ?? (window.start < ReferenceData.mergerDay && window.contains(ReferenceData.mergerDay) ? .hovedydelse : .ydelse)
    }

    var dimension: IndsatsAnalytics.Dimension { self == .ydelse ? .ydelse : .hovedydelse }

    /// The Danish name of a value of the grouping.
    func name(_ code: String, _ reference: ReferenceData) -> String {
        self == .ydelse ? reference.name(.ydelse, code) : reference.mainBenefitName(code)
    }

    /// Links showing the page at `path` by each grouping (the chosen one marked), keeping `parameters`.
    func choices(_ path: String, keeping parameters: [String: String]) -> HTML {
        let links = BenefitGrouping.allCases.map { grouping -> HTML in
            var query = parameters
            query["efter"] = grouping.rawValue
            let href =
                path + "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(PageView.segment($0.value))" }.joined(separator: "&")
            let label = grouping == .ydelse ? "pr. ydelse" : "pr. hovedydelse"
            return grouping == self ? "<strong aria-current=\"true\">\(label)</strong>" : "<a href=\"\(href)\">\(label)</a>"
        }
        return """
            <p class="meta">Vis \(links.joined(separator: " · ")). Hovedydelse lægger kontanthjælp, uddannelseshjælp og \
            integrationsydelse sammen (samlet fra \(ReferenceData.mergerDay.danish)), så serierne fortsætter hen over sammenlægningen \
            (<a href="/definitioner#hovedydelse">definition</a>).</p>
            """
    }
}
