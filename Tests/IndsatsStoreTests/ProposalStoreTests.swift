import Foundation
import IndsatsEconomy
import IndsatsTestSupport
import Testing

@testable import IndsatsStore

@Suite("Forslag i lageret")
struct ProposalStoreTests {
    @Test("The seeds' 35 proposals round-trip in order; a re-import changes nothing; a changed one counts as changed")
    func roundTrip() throws {
        let store = try TestDatabase.newStore()
        let examples = try ProposalCatalogue.examples()
        #expect(try store.saveProposals(examples) == (added: 35, changed: 0))
        #expect(try store.proposals() == examples)
        #expect(try store.saveProposals(examples) == (added: 0, changed: 0))
        var changed = examples.proposal("VHK 2")!
        changed.title = "Styrkelse af kontaktpersonordningen (ændret, æøå)"
        #expect(try store.saveProposals(ProposalCatalogue([changed])) == (added: 0, changed: 1))
        #expect(try store.proposals().proposals.map(\.number) == examples.proposals.map(\.number))
        try store.setStatus(.vedtaget, of: "JC 08")
        #expect(try store.proposals().proposal("JC 08")?.status == .vedtaget)
        #expect(throws: StoreError("forslaget 'JC 99' findes ikke")) { try store.setStatus(.afvist, of: "JC 99") }
    }

    @Test("A file requiring a proposal neither kept nor in the file writes nothing; one kept already is enough")
    func requirementsAcrossImports() throws {
        let store = try TestDatabase.newStore()
        let base = Proposal(number: "UE 08", title: "Unge på kanten", responsibleUnit: "Ungeenheden")
        var follower = Proposal(number: "UE 09a", title: "20 flere EGU-pladser", responsibleUnit: "Ungeenheden")
        follower.requires = ["UE 08"]
        let other = Proposal(number: "A", title: "a", responsibleUnit: "X")
        #expect(throws: StoreError("forslag[1].forudsaetter: 'UE 08' findes ikke i filen")) {
            try store.saveProposals(ProposalCatalogue([other, follower]))
        }
        #expect(try store.proposals().proposals.isEmpty)
        try store.saveProposals(ProposalCatalogue([base]))
        #expect(try store.saveProposals(ProposalCatalogue([follower])) == (added: 1, changed: 0))
    }
}
