// swift-tools-version:6.1
import PackageDescription

/// Attendant: a voice call-center engine. See README.md and the layer picture in
/// ARCHITECTURE (shared). System libraries come from Debian packages that
/// `make run` / `make test` install (see the Makefile's APT_PACKAGES).
let package = Package(
    name: "Attendant",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attendant", targets: ["attendant"]),
        .library(name: "AttendantAudio", targets: ["AttendantAudio"]),
        .library(name: "AttendantSpeech", targets: ["AttendantSpeech"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: system libraries (pkg-config + apt)
        .systemLibrary(name: "CPocketSphinx", path: "Sources/CPocketSphinx",
                       pkgConfig: "pocketsphinx",
                       providers: [.apt(["libpocketsphinx-dev", "libsphinxbase-dev", "pocketsphinx-en-us"])]),
        .systemLibrary(name: "CEspeakNG", path: "Sources/CEspeakNG",
                       pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "COpus", path: "Sources/COpus",
                       pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CALSA", path: "Sources/CALSA",
                       pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CSpeexDSP", path: "Sources/CSpeexDSP",
                       pkgConfig: "speexdsp", providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(name: "CSpanDSP", path: "Sources/CSpanDSP",
                       pkgConfig: "spandsp", providers: [.apt(["libspandsp-dev"])]),

        // MARK: layers
        .target(name: "AttendantAudio", dependencies: ["CSpeexDSP", "CSpanDSP", "COpus", "CALSA"]),
        .target(name: "AttendantSpeech", dependencies: ["AttendantAudio", "CPocketSphinx", "CEspeakNG"]),
        .executableTarget(name: "attendant", dependencies: [
            "AttendantAudio", "AttendantSpeech",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: tests
        .target(name: "AttendantTesting", path: "Sources/AttendantTesting"),
        .testTarget(name: "AttendantAudioTests", dependencies: ["AttendantAudio", "AttendantTesting"]),
        .testTarget(name: "AttendantSpeechTests", dependencies: ["AttendantSpeech", "AttendantAudio", "AttendantTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
