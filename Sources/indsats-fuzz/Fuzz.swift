import Foundation
import IndsatsFuzzTargets

// `indsats-fuzz`: one parser of outside bytes (``FuzzTarget``) at a time.
//
// Built by scripts/fuzz with `-sanitize=fuzzer` and `-DINDSATS_FUZZ`, it is a libFuzzer
// program: `INDSATS_FUZZ_MAAL=multipart indsats-fuzz KORPUS -max_total_time=20`.
// Built plainly, it replays files through a parser, to look at a crash:
// `indsats-fuzz multipart Fuzz/nedbrud/multipart/*`.

#if INDSATS_FUZZ
    /// The parser named in `INDSATS_FUZZ_MAAL`, read once.
    let target: FuzzTarget = {
        guard let target = ProcessInfo.processInfo.environment["INDSATS_FUZZ_MAAL"].flatMap(FuzzTarget.init(rawValue:)) else {
            fatalError("INDSATS_FUZZ_MAAL skal være en af: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    /// SwiftPM links an executable's entry point under this name; the driver is libFuzzer's.
    @_cdecl("indsats_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, fuzzOne)
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#else
    @main
    struct Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                print("brug: indsats-fuzz MAAL FIL... (MAAL: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { print("\(path): kan ikke læses"); exit(2) }
                target.run(Array(data))
                print("\(path): i orden")
            }
        }
    }
#endif
