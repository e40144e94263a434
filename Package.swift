// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "qmsforms",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "QMSForms", targets: ["QMSForms"]),
        .executable(name: "qmsforms", targets: ["QMSFormsCLI"]),
        .executable(name: "qmsforms-bench", targets: ["qmsforms-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // X.509 certificates of the workspace's signing CA and its people (electronic signatures).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // .xlsx in and out (a ZIP of XML parts; the XML is read by XMLSupport).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // bcrypt for account passwords (only its HummingbirdBcrypt library is built here).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // `qmsforms serve`: the HTTP server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // The shared archive on PostgreSQL (QMSFormsPostgres).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation`: the DocC catalog in Sources/QMSForms/QMSForms.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "XMLSupport", dependencies: ["CLibXML2"]),
        // Builds forms/ (templates, schema, examples) into the library: see ShippedForms.
        .executableTarget(name: "FormEmbedder"),
        .plugin(name: "EmbedForms", capability: .buildTool(), dependencies: ["FormEmbedder"]),
        .target(
            name: "QMSForms",
            dependencies: [
                "XMLSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt: signing keys sealed under a key derived from the person's password.
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            plugins: ["EmbedForms"]
        ),
        .target(name: "QMSFormsDemo", dependencies: ["QMSForms"]),
        // The record archive, audit trail and register on PostgreSQL, behind the library's store protocols.
        .target(
            name: "QMSFormsPostgres",
            dependencies: [
                "QMSForms",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `qmsforms serve`: routes, sessions, CSRF and views over the library (see docs/web.md).
        .target(
            name: "QMSFormsServer",
            dependencies: [
                "QMSForms",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.embedInCode("Assets/app.js"), .embedInCode("Assets/app.css")]
        ),
        // The test tags of the compliance checklist's clauses, one declaration for every test target.
        .target(name: "ComplianceTags"),
        // A throwaway PostgreSQL server for the tests (initdb, pg_ctl on a Unix socket).
        .target(name: "QMSFormsPostgresTesting", dependencies: ["QMSFormsPostgres"]),
        .executableTarget(
            name: "QMSFormsCLI",
            dependencies: [
                "QMSForms",
                "QMSFormsDemo",
                "QMSFormsServer",
                "QMSFormsPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "qmsforms-bench", dependencies: ["QMSForms"], path: "Sources/qmsforms-bench"),
        .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport"]),
        .testTarget(name: "QMSFormsTests", dependencies: ["QMSForms", "QMSFormsPostgres", "QMSFormsPostgresTesting", "ComplianceTags"], exclude: ["Golden"]),
        .testTarget(name: "QMSFormsDemoTests", dependencies: ["QMSForms", "QMSFormsDemo"]),
        .testTarget(
            name: "QMSFormsServerTests",
            dependencies: ["QMSForms", "QMSFormsServer", "QMSFormsCLI"]
        ),
        .testTarget(name: "QMSFormsCLITests", dependencies: ["QMSForms", "QMSFormsCLI", "QMSFormsPostgres", "QMSFormsPostgresTesting", "ComplianceTags"]),
    ],
    swiftLanguageModes: [.v6]
)
