import Foundation

/// Input the economy cannot use (a case, a proposal, a scenario), in Danish,
/// naming the field: `effekter[0].ydelse: 'x' har ingen sats i satser`.
public struct EconomyError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// JSON decoding whose errors name the field the way the formats' documentation does.
enum EconomyJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(EconomyError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw EconomyError("\(path(context.codingPath + [key])): mangler")
        } catch let DecodingError.typeMismatch(_, context) {
            throw EconomyError("\(path(context.codingPath)): forkert type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw EconomyError("\(path(context.codingPath)): mangler en værdi")
        } catch let DecodingError.dataCorrupted(context) {
            throw EconomyError(
                context.codingPath.isEmpty ? "filen er ikke gyldig JSON" : "\(path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw EconomyError("filen kunne ikke læses: \(error)")
        }
    }

    /// `effekter[0].ydelse`, as the documentation writes a field.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// Years written as JSON keys (`"2017": 475000`).
    static func byYear<K: CodingKey>(_ values: [String: Double], key: K, in container: KeyedDecodingContainer<K>) throws -> [Int: Double] {
        var out: [Int: Double] = [:]
        for (year, amount) in values {
            guard let y = Int(year) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(year)' er ikke et årstal")
            }
            out[y] = amount
        }
        return out
    }
}
