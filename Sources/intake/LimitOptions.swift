import ArgumentParser
import IntakeArchive
import IntakeCSV

/// Safety limits shared by the commands that read inputs.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Longest CSV record, in bytes; longer is malformed_row.", valueName: "BYTES"))
    var maxRecordBytes = 16 << 20

    @Option(help: ArgumentHelp("Most entries one archive may have.", valueName: "N"))
    var maxArchiveEntries = 10_000

    @Option(help: ArgumentHelp("Most bytes one archive may expand to.", valueName: "BYTES"))
    var maxArchiveBytes: Int64 = 64 << 30

    @Option(help: ArgumentHelp("Highest expansion ratio of an archive (expanded / compressed).", valueName: "RATIO"))
    var maxArchiveRatio: Double = 1_000

    @Option(help: ArgumentHelp("Expanded bytes an archive may reach before the ratio is enforced.", valueName: "BYTES"))
    var archiveRatioGrace: Int64 = 64 << 20

    var archiveLimits: ArchiveLimits {
        ArchiveLimits(maxEntries: maxArchiveEntries, maxExpandedBytes: maxArchiveBytes, maxCompressionRatio: maxArchiveRatio,
                      ratioGraceBytes: archiveRatioGrace)
    }

    var csvOptions: CSVOptions { CSVOptions(maxRecordBytes: maxRecordBytes) }
}
