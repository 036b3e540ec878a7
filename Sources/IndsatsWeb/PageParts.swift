import IndsatsCore

/// Pieces several pages share: choosers and download links.
extension HTML {
    /// `<option>`s for a `<select>`, the one whose value is `selected` chosen.
    ///
    /// ```swift
    /// HTML.options([("2025", "2025"), ("2026", "2026")], selected: "2026")
    /// ```
    static func options(_ choices: [(value: String, label: String)], selected: String?) -> HTML {
        choices.map { choice -> HTML in
            "<option value=\"\(choice.value)\"\(choice.value == selected ? " selected" : "")>\(choice.label)</option>"
        }.joined()
    }

    /// A form that shows the page again for what its `fields` choose.
    static func filterForm(_ action: String, _ fields: HTML) -> HTML {
        "<form class=\"filtre\" method=\"get\" action=\"\(action)\">\(fields) <button type=\"submit\">Vis</button></form>"
    }

    /// The hidden field that carries the session's CSRF token in a form that posts (``GuardedRouter/addForm(_:limit:_:)``).
    static func csrfField(_ token: String) -> HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">" }

    /// A chooser of the year (`aar`) among `years`.
    static func yearForm(_ action: String, years: [Int], chosen: Int) -> HTML {
        filterForm(
            action, "<label>År <select name=\"aar\">\(options(years.map { ("\($0)", "\($0)") }, selected: "\(chosen)"))</select></label>")
    }

    /// A chooser of the period: `fra` and `til`.
    static func periodForm(_ action: String, _ window: DayRange) -> HTML {
        filterForm(
            action,
            """
            <label>Fra <input type="date" name="fra" value="\(window.start.iso)"></label> \
            <label>Til <input type="date" name="til" value="\(window.end.iso)"></label>
            """)
    }

    /// Links to the table at `path` as CSV for Excel and as an `.xlsx` workbook, with the page's `query`.
    static func downloads(_ path: String, query: String) -> HTML {
        "<a href=\"\(path).csv?\(query)\" download>Hent som CSV</a> · <a href=\"\(path).xlsx?\(query)\" download>Hent som Excel (xlsx)</a>"
    }
}
