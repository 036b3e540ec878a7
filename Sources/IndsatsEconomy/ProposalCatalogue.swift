import Foundation

/// A municipality's proposals, as read from and written to a proposals file
/// (docs/forslag.md): `{"forslag": [ {...}, {...} ]}`.
///
/// ```swift
/// let catalogue = try ProposalCatalogue.read(data)   // Danish errors name the field: "forslag[3].oekonomi[0].aar: mangler"
/// catalogue.proposal("CEB 06A")?.exclusiveGroup      // "CEB 06"
/// let json = catalogue.json()                       // the same file back, keys sorted
/// ```
public struct ProposalCatalogue: Codable, Sendable, Equatable {
    public var proposals: [Proposal]

    public init(_ proposals: [Proposal]) { self.proposals = proposals }

    enum CodingKeys: String, CodingKey { case proposals = "forslag" }

    public func proposal(_ number: String) -> Proposal? { proposals.first { $0.number == number } }

    /// Reads a proposals file and checks it whole: a bad proposal rejects the file.
    public static func read(_ data: Data) throws(EconomyError) -> ProposalCatalogue {
        let catalogue = try EconomyJSON.decode(ProposalCatalogue.self, from: data)
        try catalogue.check()
        return catalogue
    }

    /// The file's JSON: pretty, keys sorted, so an export reads back equal and diffs well.
    public func json() -> Data { json(key: "forslag") }

    /// The whole file, or with no key the first proposal alone, compact.
    fileprivate func json(key: String?) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            key == nil ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values cannot fail.
        if key == nil, let first = proposals.first { return (try? encoder.encode(first)) ?? Data() }
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Numbers unique and non-empty, references to proposals that exist, years and amounts sane.
    public func check() throws(EconomyError) {
        var seen: Set<String> = []
        for (i, p) in proposals.enumerated() {
            let at = "forslag[\(i)]"
            guard !p.number.trimmingCharacters(in: .whitespaces).isEmpty else { throw EconomyError("\(at).nr: mangler en værdi") }
            guard seen.insert(p.number).inserted else { throw EconomyError("\(at).nr: '\(p.number)' findes to gange") }
            guard !p.title.trimmingCharacters(in: .whitespaces).isEmpty else { throw EconomyError("\(at).overskrift: mangler en værdi") }
            var years: Set<Int> = []
            for (j, y) in p.economy.enumerated() {
                guard (1900...2200).contains(y.year) else {
                    throw EconomyError("\(at).oekonomi[\(j)].aar: \(y.year) er ikke et gyldigt år")
                }
                guard years.insert(y.year).inserted else { throw EconomyError("\(at).oekonomi[\(j)].aar: \(y.year) står to gange") }
                guard y.staff >= 0 else { throw EconomyError("\(at).oekonomi[\(j)].aarsvaerk: kan ikke være negativ") }
                guard y.operatingCost.isFinite, y.benefitSaving.isFinite else {
                    throw EconomyError("\(at).oekonomi[\(j)]: beløbet er ikke et tal")
                }
            }
            if let target = p.target, !(target.persons > 0) { throw EconomyError("\(at).maal.personer: skal være over 0") }
            do {
                try p.businessCase?.check()
            } catch {
                throw EconomyError("\(at).businesscase.\(error.message)")
            }
        }
        for (i, p) in proposals.enumerated() {
            for needed in p.requires {
                guard needed != p.number else { throw EconomyError("forslag[\(i)].forudsaetter: '\(needed)' kan ikke forudsætte sig selv") }
                guard seen.contains(needed) else { throw EconomyError("forslag[\(i)].forudsaetter: '\(needed)' findes ikke i filen") }
                if let group = p.exclusiveGroup, proposal(needed)?.exclusiveGroup == group {
                    throw EconomyError("forslag[\(i)].forudsaetter: '\(needed)' er i samme gensidigt udelukkende gruppe '\(group)'")
                }
            }
        }
    }

    /// Adds or replaces proposals by number, keeping the order of the first and appending new ones.
    public func merging(_ other: ProposalCatalogue) -> ProposalCatalogue {
        var out = proposals
        for p in other.proposals {
            if let i = out.firstIndex(where: { $0.number == p.number }) { out[i] = p } else { out.append(p) }
        }
        return ProposalCatalogue(out)
    }
}

extension ProposalCatalogue {
    /// Every proposal of Herning's 2017 prioriteringsforslag (seed 003) and Vesthimmerland's
    /// 2020 investment areas (seed 000), entered by hand: the demo's catalogue.
    public static func examples() throws(EconomyError) -> ProposalCatalogue {
        var all = ProposalCatalogue([])
        for name in ["forslag-herning-2017", "forslag-vesthimmerland-2020"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Eksempler"),
                let data = try? Data(contentsOf: url)
            else { throw EconomyError("eksemplet \(name).json mangler i programmet") }
            all = all.merging(try read(data))
        }
        try all.check()
        return all
    }
}

extension ProposalCatalogue {
    /// One proposal's JSON document, as a store keeps it.
    public static func document(_ proposal: Proposal) -> Data {
        ProposalCatalogue([proposal]).json(key: nil)
    }

    /// Reads one proposal's document.
    public static func proposal(_ document: Data) throws(EconomyError) -> Proposal {
        try EconomyJSON.decode(Proposal.self, from: document)
    }
}
