import IndsatsCore

// The company pages' person-level questions, answered from the register in memory: who has
// experience in a branch (candidates for a job order), and what started at an alliance's
// member companies.
extension Register {
    /// Activities of `types` at companies in `industry` that ran on some day of [`since`, `day`] and
    /// started by `day`, of the persons whose benefit on `day` (version 2's term) is a benefit
    /// (not `selvforsoergende` or `foertidspension`) and in `benefits` when given; with that benefit.
    ///
    /// ```swift
    /// let (experiences, benefits) = register.branchExperience(industry: "Byggeri", types: ["virksomhedspraktik"], since: from, on: day)
    /// ```
    public func branchExperience(
        industry: String, types: Set<String>, since: Day, on day: Day, benefits wanted: Set<String>? = nil
    ) -> (experiences: [BranchExperience], benefits: [String: String]) {
        guard let industryIndex = industries.index(of: industry) else { return ([], [:]) }
        let typeIndices = Set(types.compactMap { self.types.index(of: $0) })
        let (from, through) = (since.ordinal, day.ordinal)
        var experiences: [BranchExperience] = [], benefitOf: [String: String] = [:], decided: [Int32: String?] = [:]
        for a in activityCompany.indices {
            let c = activityCompany[a]
            guard c >= 0, companyIndustry[Int(c)] == industryIndex, typeIndices.contains(activityType[a]),
                activityStart[a] <= through, activityEnd[a] >= from
            else { continue }
            let p = activityPerson[a]
            let code: String?
            if let known = decided[p] {
                code = known
            } else {
                code = benefitOnDay(Int(p), through).map { benefits[$0.benefit] }.flatMap { code in
                    code == "selvforsoergende" || code == "foertidspension" || !(wanted?.contains(code) ?? true) ? nil : code
                }
                // `updateValue`, not a subscript: assigning `nil` through one would remove the key.
                decided.updateValue(code, forKey: p)
            }
            guard let code else { continue }
            let id = personIDs[Int(p)]
            benefitOf[id] = code
            experiences.append(
                BranchExperience(
                    personID: id, type: self.types[activityType[a]], start: Day(ordinal: activityStart[a]),
                    end: activityEnd[a] == Register.openEnd ? nil : Day(ordinal: activityEnd[a])))
        }
        return (experiences, benefitOf)
    }

    /// Activities of `types` started at the companies `cvrs` (their type, first day and company), and
    /// citizens placed in those companies' job orders (type `nil`, the placement day), for ``AllianceYear``.
    public func companyEvents(at cvrs: Set<String>, types: Set<String>) -> [AllianceYear.Event] {
        var member = [Bool](repeating: false, count: companyIDs.count)
        for (c, cvr) in companyIDs.enumerated() where cvrs.contains(cvr) { member[c] = true }
        let typeIndices = Set(types.compactMap { self.types.index(of: $0) })
        var events: [AllianceYear.Event] = []
        for a in activityCompany.indices {
            let c = activityCompany[a]
            guard c >= 0, member[Int(c)], typeIndices.contains(activityType[a]) else { continue }
            events.append(
                AllianceYear.Event(type: self.types[activityType[a]], day: Day(ordinal: activityStart[a]), cvr: companyIDs[Int(c)]))
        }
        for i in placementDay.indices {
            let job = Int(jobRowOfID[Int(placementJob[i])])
            guard job >= 0, member[Int(jobCompany[job])] else { continue }
            events.append(AllianceYear.Event(type: nil, day: Day(ordinal: placementDay[i]), cvr: companyIDs[Int(jobCompany[job])]))
        }
        return events
    }
}

extension JobMatch {
    /// The candidates for `order` at a company in `industry`: experience in the branch in the three
    /// years before `day` (``JobMatch/points``' kinds), benefit on `day` (a fleksjob order: ledighedsydelse
    /// only), ranked by ``rank(_:benefits:on:limit:)``.
    public static func candidates(for order: JobOrder, industry: String, in register: Register, on day: Day, limit: Int) -> [JobCandidate] {
        let (experiences, benefits) = register.branchExperience(
            industry: industry, types: Set(points.keys), since: day.adding(months: -36), on: day,
            benefits: order.flexJob ? ["ledighedsydelse"] : nil)
        return rank(experiences, benefits: benefits, on: day, limit: limit)
    }
}
